import { Document } from 'yaml';
import { javaVersion, needsJarBuild } from './dockerfiles';
import { IMAGE_TAG_FILE, writeImageTagScript } from './image-tag';
import { REPOSITORY_REVIEW_ARGS } from './review-command';
import type { Runtime } from '../contract/images';

/**
 * The creator repository's two GitHub workflows:
 * - `ci.yml`, on every push to main: no Docker Hub image, build for linux/amd64 without pushing,
 *   secret scan (verified findings), image scan (CRITICAL fails), synthesize and review the
 *   manifests (SARIF to code scanning; CRITICAL fails), then push the commit-SHA tag.
 * - `cd.yml`, after a green CI run of main: write the SHA into image-tag.json, synthesize, run
 *   the gate again, commit `k8s/` and the tag file with `[skip ci]`. It never talks to the
 *   cluster: ArgoCD applies what is committed.
 */

/**
 * Actions, each pinned to a release tag (never a branch). Moving a pin is a deliberate change
 * here; platform teams that pin to commit SHAs replace these values.
 */
export const ACTIONS = {
  checkout: 'actions/checkout@v4',
  setupNode: 'actions/setup-node@v4',
  setupJava: 'actions/setup-java@v4',
  login: 'docker/login-action@v3',
  buildPush: 'docker/build-push-action@v6',
  trufflehog: 'trufflesecurity/trufflehog@v3.93.4',
  // trivy-action moved to v-prefixed tags in 2026 and removed the bare ones.
  trivy: 'aquasecurity/trivy-action@v0.36.0',
  uploadSarif: 'github/codeql-action/upload-sarif@v3',
} as const;

/** The CI workflow's name: cd.yml's workflow_run trigger refers to it. */
export const CI_WORKFLOW_NAME = 'CI';
export const CD_WORKFLOW_NAME = 'CD';

/** Node.js for the tooling (vibe-env, cdk8s) on the runners. */
export const TOOLING_NODE_VERSION = '22';

export interface WorkflowOptions {
  /** Display name of the app, for the header comment. */
  readonly appName: string;
  /** The language runtime: which build steps and base images the workflow uses. */
  readonly runtime: Runtime;
  /** The cluster registry the image is pushed to, e.g. `harbor.internal.example.com`. */
  readonly registry: string;
  /** The Docker Hub mirror below which base images live. */
  readonly mirrorPrefix: string;
  /** The image's path in the registry, e.g. `shop-app`. */
  readonly repository: string;
}

const REVIEW = `npx vibe review ${REPOSITORY_REVIEW_ARGS}`;
/** The repository's own synth script (vibe init: `vibe synth --app main.ts`, which type-checks and runs main.ts). */
const SYNTH = 'npm run synth';

/** `.github/workflows/ci.yml`. */
export function ciWorkflow(options: WorkflowOptions): string {
  const tag = '${{ steps.meta.outputs.tag }}';
  const image = `\${{ env.IMAGE }}:${tag}`;
  const steps: object[] = [
    { name: 'Check out the code (full history, for the secret scan)', uses: ACTIONS.checkout, with: { 'fetch-depth': 0 } },
    { name: 'Image tag = the commit SHA', id: 'meta', run: 'echo "tag=${GITHUB_SHA::7}" >> "$GITHUB_OUTPUT"' },
    { name: 'No image from Docker Hub', run: dockerHubCheckScript() },
    {
      name: 'Log in to the cluster registry',
      uses: ACTIONS.login,
      with: { registry: '${{ env.REGISTRY }}', username: '${{ secrets.REGISTRY_USERNAME }}', password: '${{ secrets.REGISTRY_PASSWORD }}' },
    },
    ...jarSteps(options.runtime),
    {
      name: 'Build the image for linux/amd64 (scanned before it is pushed)',
      uses: ACTIONS.buildPush,
      with: { context: '.', file: 'Dockerfile', platforms: 'linux/amd64', push: false, load: true, tags: image },
    },
    { name: 'Scan for leaked secrets (verified findings fail)', uses: ACTIONS.trufflehog, with: { path: './', extra_args: '--results=verified' } },
    {
      name: 'Scan the image (CRITICAL vulnerabilities fail)',
      uses: ACTIONS.trivy,
      with: { 'image-ref': image, 'severity': 'CRITICAL', 'exit-code': '1', 'ignore-unfixed': true, 'format': 'table' },
    },
    { name: 'Set up Node.js for vibe-env', uses: ACTIONS.setupNode, with: { 'node-version': TOOLING_NODE_VERSION, 'cache': 'npm' } },
    {
      name: 'Synthesize the manifests for this image',
      env: { TAG: tag },
      run: ['npm ci --no-audit --no-fund', '# The review must judge the manifests CD will commit: the same tag, in the workspace only.', writeImageTagScript(), SYNTH].join('\n'),
    },
    {
      name: 'Review the manifests (vibe review)',
      id: 'review',
      run: [
        '# The SARIF goes to code scanning; the exit code is kept for the gate below',
        '# (0: ready, 1: CRITICAL findings, 2: the review could not read its input).',
        'set +e',
        `${REVIEW} --format sarif > review.sarif`,
        'echo "exit-code=$?" >> "$GITHUB_OUTPUT"',
        `${REVIEW}`,
        'exit 0',
      ].join('\n'),
    },
    {
      name: 'Upload the review to code scanning',
      if: "steps.review.outputs.exit-code == '0' || steps.review.outputs.exit-code == '1'",
      uses: ACTIONS.uploadSarif,
      with: { sarif_file: 'review.sarif', category: 'vibe-review' },
    },
    {
      name: 'Stop on CRITICAL findings',
      if: "steps.review.outputs.exit-code != '0'",
      run: [
        'echo "::error::vibe review did not pass (exit code ${{ steps.review.outputs.exit-code }}). Read its report in the step \\"Review the manifests\\" and fix the CRITICAL findings."',
        'exit 1',
      ].join('\n'),
    },
    { name: 'Push the image (tag = commit SHA)', env: { TAG: tag }, run: 'docker push "${IMAGE}:${TAG}"' },
  ];
  const workflow = {
    name: CI_WORKFLOW_NAME,
    on: { push: { branches: ['main'] } },
    permissions: { 'contents': 'read', 'security-events': 'write' },
    concurrency: { 'group': 'ci-${{ github.ref }}', 'cancel-in-progress': true },
    env: { REGISTRY: options.registry, MIRROR: options.mirrorPrefix, IMAGE: `${options.registry}/${options.repository}` },
    jobs: { 'build-scan-review-push': { 'name': 'Build, scan, review, push', 'runs-on': 'ubuntu-latest', 'timeout-minutes': 30, steps } },
  };
  return render(workflow, [
    `CI for "${options.appName}", written by vibe init. Runs on every push to main:`,
    'no Docker Hub image, build for linux/amd64, secret scan, image scan (CRITICAL fails),',
    'synthesize + vibe review (CRITICAL fails; the report goes to Security > Code scanning),',
    'then push the image tagged with the commit SHA. cd.yml takes over when this is green.',
    'Repository secrets it needs: REGISTRY_USERNAME and REGISTRY_PASSWORD (a robot account of the registry).',
  ]);
}

/** `.github/workflows/cd.yml`. */
export function cdWorkflow(options: Pick<WorkflowOptions, 'appName'>): string {
  const deploy = "steps.newest.outputs.deploy == 'true'";
  const built = { BUILT_SHA: '${{ github.event.workflow_run.head_sha }}' };
  const steps: object[] = [
    { name: 'Check out main', uses: ACTIONS.checkout, with: { ref: 'main' } },
    {
      name: 'Deploy only the newest build of main',
      id: 'newest',
      env: built,
      run: [
        'if [ "$(git rev-parse HEAD)" = "$BUILT_SHA" ]; then',
        '  echo "deploy=true" >> "$GITHUB_OUTPUT"',
        'else',
        '  echo "main has moved on since ${BUILT_SHA::7} was built; the run for the newer commit deploys it."',
        '  echo "deploy=false" >> "$GITHUB_OUTPUT"',
        'fi',
      ].join('\n'),
    },
    { name: 'Set up Node.js for vibe-env', if: deploy, uses: ACTIONS.setupNode, with: { 'node-version': TOOLING_NODE_VERSION, 'cache': 'npm' } },
    { name: `Write the new tag into ${IMAGE_TAG_FILE}`, if: deploy, env: built, run: ['TAG="${BUILT_SHA::7}"', writeImageTagScript()].join('\n') },
    { name: 'Synthesize the manifests', if: deploy, run: ['npm ci --no-audit --no-fund', SYNTH].join('\n') },
    { name: 'Review them (CRITICAL findings stop the deployment)', if: deploy, run: REVIEW },
    {
      name: `Commit k8s/ and ${IMAGE_TAG_FILE}`,
      if: deploy,
      env: built,
      run: [
        'git config user.name "vibe-cd"',
        'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
        `git add --all k8s ${IMAGE_TAG_FILE}`,
        'if git diff --cached --quiet; then echo "Nothing to deploy: the manifests are unchanged."; exit 0; fi',
        'git commit -m "deploy: image ${BUILT_SHA::7} [skip ci]"',
        'git push origin HEAD:main',
      ].join('\n'),
    },
  ];
  const workflow = {
    name: CD_WORKFLOW_NAME,
    on: { workflow_run: { workflows: [CI_WORKFLOW_NAME], types: ['completed'], branches: ['main'] } },
    permissions: { contents: 'write' },
    concurrency: { 'group': 'cd', 'cancel-in-progress': false },
    jobs: {
      deploy: {
        'name': 'Update the image tag and the manifests',
        'if': "github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'",
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 15,
        steps,
      },
    },
  };
  return render(workflow, [
    `CD for "${options.appName}", written by vibe init. After CI is green on main: write the SHA it built`,
    `into ${IMAGE_TAG_FILE}, synthesize k8s/, run the review gate again, and commit both with [skip ci].`,
    'It never runs kubectl or helm: ArgoCD applies what is committed under k8s/.',
  ]);
}

/** Maven or Gradle, then app.jar for the Dockerfile (JVM rows only). */
function jarSteps(runtime: Runtime): object[] {
  if (!needsJarBuild(runtime)) return [];
  return [
    { name: 'Set up Java', uses: ACTIONS.setupJava, with: { 'distribution': 'temurin', 'java-version': javaVersion(runtime) } },
    {
      name: 'Build the jar (Maven or Gradle) into app.jar',
      run: [
        'if [ -x ./mvnw ]; then ./mvnw -B package',
        'elif [ -f pom.xml ]; then mvn -B package',
        'elif [ -x ./gradlew ]; then ./gradlew --no-daemon build',
        'else echo "::error::No Maven (pom.xml) or Gradle (gradlew) build found."; exit 1',
        'fi',
        "jar=$(ls target/*.jar build/libs/*.jar 2>/dev/null | grep -v -e '-plain\\.jar$' -e '-sources\\.jar$' -e '-javadoc\\.jar$' | head -n 1)",
        'if [ -z "$jar" ]; then echo "::error::The build produced no jar."; exit 1; fi',
        'cp "$jar" app.jar',
      ].join('\n'),
    },
  ];
}

/**
 * Every image must come from the cluster registry (the Docker Hub mirror lives below it): each
 * Dockerfile FROM (earlier stages and scratch aside) and each `image:` in a YAML file.
 * Reads $REGISTRY and $MIRROR from the workflow's env.
 */
export function dockerHubCheckScript(): string {
  return [
    'status=0',
    "escape() { printf '%s' \"$1\" | sed 's/[.[\\*^$()+?{|]/\\\\&/g'; }",
    'allowed="($(escape "$REGISTRY")|$(escape "$MIRROR"))/"',
    'for file in $(git ls-files \'*Dockerfile*\'); do',
    '  ALLOWED="^$allowed" awk \'',
    '    toupper($1) == "FROM" {',
    '      i = 2; while (i <= NF && $i ~ /^--/) i++',
    '      image = $i; stage = (tolower($(i + 1)) == "as") ? tolower($(i + 2)) : ""',
    '      if (!(tolower(image) in stages) && image != "scratch" && image !~ ENVIRON["ALLOWED"]) {',
    '        printf "%s:%d: FROM %s is not from the cluster registry\\n", FILENAME, FNR, image; bad = 1',
    '      }',
    '      if (stage != "") stages[stage] = 1',
    '    }',
    '    END { exit bad }\' "$file" || status=1',
    'done',
    "hits=$(git grep -nE '^[[:space:]-]*image:[[:space:]]*[^[:space:]#]' -- '*.yaml' '*.yml' ':!:.github/' | grep -vE \"image:[[:space:]]*[\\\"']?$allowed\" || true)",
    'if [ -n "$hits" ]; then echo "$hits"; status=1; fi',
    'if [ "$status" -ne 0 ]; then',
    '  echo "::error::Images must come from $REGISTRY (Docker Hub images through $MIRROR/). Docker Hub is blocked in the cluster."',
    'fi',
    'exit "$status"',
  ].join('\n');
}

function render(workflow: object, header: readonly string[]): string {
  // No anchors/aliases: shared objects are written out in full where each is used.
  const document = new Document(workflow, { aliasDuplicateObjects: false });
  document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0 });
}
