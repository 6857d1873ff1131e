/**
 * What a creator repository reviews, in CI and with `npm run review`: the synthesized set, the
 * Dockerfile, and the source tree (`--src .`), so the file-logging check (G4) reads the app's
 * code instead of passing on manifests alone. vendor/, node_modules/ and the like are skipped.
 */
export const REPOSITORY_REVIEW_ARGS = 'k8s/ --dockerfile Dockerfile --src .';
