/**
 * What a creator repository reviews, in CI and with `npm run review` (one command for both): the
 * synthesized set, the Dockerfile, the source tree (`--src .`, so the file-logging check G4 reads
 * the app's code, and a repository with no app code does not pass), the cluster's sealing
 * certificate when the repository has one (E7 checks the sealed values against its key), and
 * the app's log sample when one is configured (G3, G5, G6). vendor/, node_modules/ and the like
 * are skipped.
 */
export interface RepositoryReviewInputs {
  /** The sealed-secrets certificate in the repository (`sealed-secrets-cert.pem`). @default - none: E7 checks the form only */
  readonly cert?: string;
  /** A sample of the app's log, one line per entry, inside the repository. @default - none: G3, G5, G6 not applicable */
  readonly logSample?: string;
}

/** The arguments of `vibe review` for a creator repository. */
export function repositoryReviewArgs(inputs: RepositoryReviewInputs = {}): string {
  return [
    'k8s/ --dockerfile Dockerfile --src .',
    ...(inputs.cert ? [`--cert ${inputs.cert}`] : []),
    ...(inputs.logSample ? [`--logs ${inputs.logSample}`] : []),
  ].join(' ');
}
