import { Document, isMap, isScalar, isSeq } from '../shared-yaml';
import { IMAGE_TAG_FILE, writeImageTagScript } from './image-tag';
import { repositoryReviewArgs, type RepositoryReviewInputs } from './review-command';
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

/** A third-party action at a full commit SHA (a tag can be moved; a commit cannot). */
export interface ActionPin {
  /** `owner/repo` or `owner/repo/path`. */
  readonly action: string;
  /** The 40-hex commit the release tag pointed at. */
  readonly sha: string;
  /** The release tag, written as a comment beside the pin so readers and Dependabot see it. */
  readonly version: string;
}

/**
 * Every action the generated workflows use, pinned to a commit SHA. Moving a pin is a deliberate
 * change here. Each SHA was taken, paired with its tag, from public files that pin it (no
 * network access to the actions' repositories from where this was written):
 * - checkout v6.0.2, setup-node v6.2.0, login-action v3.7.0,
 *   build-push-action v6.19.2: the SHA-pinned list of the acidghost/actions-latest README
 *   (a snapshot of each action's newest release), each also in 3+ other public workflows.
 *   docker/login-action v4 and build-push-action v7 are tagged, but no public file pairs them
 *   with a SHA in the files searched: the newest release found pinned is used.
 * - codeql-action v4.31.9 (upload-sarif; v3 is deprecated): 9 public workflows agree.
 * - trufflehog v3.96.0: 3 public workflows, one noting it checked the SHA against the live tag.
 * - trivy-action v0.36.0: 2 public workflows. Most of its tags were rewritten in the March 2026
 *   supply-chain attack (it runs in the job that holds the registry password): a SHA cannot be.
 */
export const ACTION_PINS = {
  checkout: { action: 'actions/checkout', sha: 'de0fac2e4500dabe0009e67214ff5f5447ce83dd', version: 'v6.0.2' },
  setupNode: { action: 'actions/setup-node', sha: '6044e13b5dc448c55e2357c09f80417699197238', version: 'v6.2.0' },
  login: { action: 'docker/login-action', sha: 'c94ce9fb468520275223c153574b00df6fe4bcc9', version: 'v3.7.0' },
  buildPush: { action: 'docker/build-push-action', sha: '10e90e3645eae34f1e60eeb005ba3a3d33f178e8', version: 'v6.19.2' },
  trufflehog: { action: 'trufflesecurity/trufflehog', sha: '6f3c981e7b77f235fd2702dd74af25fc4b72bf11', version: 'v3.96.0' },
  trivy: { action: 'aquasecurity/trivy-action', sha: 'ed142fd0673e97e23eac54620cfb913e5ce36c25', version: 'v0.36.0' },
  uploadSarif: { action: 'github/codeql-action/upload-sarif', sha: '5d4e8d1aca955e8d8589aabd499c5cae939e33c7', version: 'v4.31.9' },
} as const satisfies Record<string, ActionPin>;

/** The `uses:` value of each action: `owner/repo@<sha>`. */
export const ACTIONS = Object.fromEntries(Object.entries(ACTION_PINS).map(([key, pin]) => [key, `${pin.action}@${pin.sha}`])) as {
  readonly [K in keyof typeof ACTION_PINS]: string;
};

/** The release tag of each pinned `uses:` value, for the comment beside it. */
const VERSION_OF_USES = new Map<string, string>(Object.values(ACTION_PINS).map((pin) => [`${pin.action}@${pin.sha}`, pin.version]));

/** What each job's GITHUB_TOKEN may do; the workflows grant nothing at the top level. */
export const CI_JOB_PERMISSIONS = { 'contents': 'read', 'security-events': 'write', 'actions': 'read' } as const;
export const CD_JOB_PERMISSIONS = { contents: 'write' } as const;

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
  /**
   * The mirrors of the other registries (gcr.io, ghcr.io, quay.io) images may come through.
   * @default - none beside mirrorPrefix (a mirror below the cluster registry passes anyway)
   */
  readonly mirrors?: readonly string[];
  /** The image's path in the registry, e.g. `shop-app`. */
  readonly repository: string;
  /** What the review reads beside the manifests, Dockerfile and source. @default - nothing more */
  readonly review?: RepositoryReviewInputs;
}

/** The review CI and CD run: the same as the repository's `npm run review`. */
const reviewCommand = (inputs: RepositoryReviewInputs | undefined) => `npx vibe review ${repositoryReviewArgs(inputs)}`;
/** The repository's own synth script (vibe init: `vibe synth --app main.ts`, which type-checks and runs main.ts). */
const SYNTH = 'npm run synth';

/** `.github/workflows/ci.yml`. */
export function ciWorkflow(options: WorkflowOptions): string {
  const REVIEW = reviewCommand(options.review);
  const tag = '${{ steps.meta.outputs.tag }}';
  const image = `\${{ env.IMAGE }}:${tag}`;
  const steps: object[] = [
    // persist-credentials: false: no later step pushes to git, so no token stays in .git/config.
    { name: 'Check out the code (full history, for the secret scan)', uses: ACTIONS.checkout, with: { 'fetch-depth': 0, 'persist-credentials': false } },
    { name: 'Image tag = the commit SHA', id: 'meta', run: 'echo "tag=${GITHUB_SHA::7}" >> "$GITHUB_OUTPUT"' },
    { name: 'No image from Docker Hub', run: dockerHubCheckScript() },
    {
      name: 'Log in to the cluster registry',
      uses: ACTIONS.login,
      with: { registry: '${{ env.REGISTRY }}', username: '${{ secrets.REGISTRY_USERNAME }}', password: '${{ secrets.REGISTRY_PASSWORD }}' },
    },
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
    // Nothing by default; each job asks for what it needs (least privilege).
    permissions: {},
    concurrency: { 'group': 'ci-${{ github.ref }}', 'cancel-in-progress': true },
    env: { REGISTRY: options.registry, MIRRORS: [...new Set([options.mirrorPrefix, ...(options.mirrors ?? [])])].join(' '), IMAGE: `${options.registry}/${options.repository}` },
    jobs: {
      'build-scan-review-push': {
        'name': 'Build, scan, review, push',
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 30,
        // Read the code; upload SARIF to code scanning (which reads the run's metadata in private repositories).
        'permissions': CI_JOB_PERMISSIONS,
        steps,
      },
    },
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
export function cdWorkflow(options: Pick<WorkflowOptions, 'appName' | 'review'>): string {
  const REVIEW = reviewCommand(options.review);
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
    permissions: {},
    concurrency: { 'group': 'cd', 'cancel-in-progress': false },
    jobs: {
      deploy: {
        'name': 'Update the image tag and the manifests',
        'if': "github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'",
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 15,
        // Push the commit of k8s/ and the tag file; nothing else.
        'permissions': CD_JOB_PERMISSIONS,
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

/**
 * Every image must come from the cluster registry or one of its registry mirrors: each
 * Dockerfile FROM (earlier stages and scratch aside) and each `image:` in a YAML file.
 * Reads $REGISTRY and $MIRRORS (space-separated) from the workflow's env.
 */
export function dockerHubCheckScript(): string {
  return [
    'status=0',
    "escape() { printf '%s' \"$1\" | sed 's/[.[\\*^$()+?{|]/\\\\&/g'; }",
    'allowed="$(escape "$REGISTRY")"',
    'for mirror in $MIRRORS; do allowed="$allowed|$(escape "$mirror")"; done',
    'allowed="($allowed)/"',
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
    '  echo "::error::Images must come from $REGISTRY or its mirrors ($MIRRORS). Docker Hub is blocked in the cluster."',
    'fi',
    'exit "$status"',
  ].join('\n');
}

/** `uses: owner/repo@<sha> # v1.2.3`: the tag each SHA stands for, beside it. */
function commentPins(node: unknown): void {
  if (isSeq(node)) for (const item of node.items) commentPins(item);
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
      const version = VERSION_OF_USES.get(String(pair.value.value));
      if (version === undefined) throw new Error(`workflow step uses ${String(pair.value.value)}, which has no pin in ACTION_PINS`);
      pair.value.comment = ` ${version}`;
    } else {
      commentPins(pair.value);
    }
  }
}

function render(workflow: object, header: readonly string[]): string {
  // No anchors/aliases: shared objects are written out in full where each is used.
  const document = new Document(workflow, { aliasDuplicateObjects: false });
  commentPins(document.contents);
  document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0 });
}
