import { kitPackageJson } from './contract-files';
import { CERT_FILE, creatorReadme } from './creator-readme';
import { CREATOR_COMPILER_OPTIONS } from './creator-tsconfig';
import type { Tooling } from './tooling';
import type { AppModel } from '../contract/app-model';
import { argoApplication, argoYaml } from '../delivery/argocd';
import { dockerfileFor } from '../delivery/dockerfiles';
import { IMAGE_TAG_FILE, imageTagFileText, PLACEHOLDER_TAG } from '../delivery/image-tag';
import { repositoryReviewArgs, type RepositoryReviewInputs } from '../delivery/review-command';
import { cdWorkflow, ciWorkflow } from '../delivery/workflows';
import { DEFAULT_SEALED_FILE } from '../inputs/default-sealed-file';

export { CERT_FILE } from './creator-readme';

/** How a file already in the folder is treated with --force. */
export type ExistingFilePolicy =
  /** Kept as it is; the scaffold's version is not written. */
  | 'keep'
  /** package.json: the missing scripts and devDependencies are added, nothing is replaced. */
  | 'merge-package-json'
  /** .gitignore / .dockerignore: the missing lines are appended. */
  | 'append-lines'
  /** Written beside it under another name (the creator guide). */
  | 'write-beside';

export interface ScaffoldFile {
  /** Path inside the new repository, with '/'. */
  readonly path: string;
  /** The contents: text, or bytes for the vendored vibe-env tarball. */
  readonly text: string | Buffer;
  readonly existing: ExistingFilePolicy;
}

export interface ScaffoldOptions {
  readonly model: AppModel;
  /** The URL ArgoCD clones the repository from. */
  readonly repoUrl: string;
  /** What package.json depends on for vibe-env: `^<version>`, or a file:/tarball spec. */
  readonly vibeEnvSpec: string;
  readonly tooling: Tooling;
  /** Components whose passwords the app needs (postgres, redis, …), for the README. */
  readonly credentialsFor: readonly string[];
  /** True when `--cert` was given: the certificate is copied in and those passwords sealed now. */
  readonly certGiven: boolean;
  /** `--log-sample`: a sample of the app's log in the repository, reviewed with it. @default - none */
  readonly logSample?: string;
}

/** What the repository's review reads besides manifests, Dockerfile and source: the cert it has, the log sample configured. */
function reviewInputs(options: ScaffoldOptions): RepositoryReviewInputs {
  return { cert: options.certGiven ? CERT_FILE : undefined, logSample: options.logSample };
}

/** Every file of a new creator repository, in the order they are listed to the creator. */
export function scaffoldFiles(options: ScaffoldOptions): ScaffoldFile[] {
  const { model } = options;
  const cluster = model.cluster;
  const workflowOptions = {
    appName: model.displayName,
    runtime: model.answers.runtime,
    registry: cluster.registry,
    mirrorPrefix: cluster.mirrorPrefix,
    mirrors: Object.values(cluster.mirrors),
    repository: model.answers.image.repository,
    review: reviewInputs(options),
  };
  return [
    { path: 'main.ts', text: mainTs(model), existing: 'keep' },
    { path: IMAGE_TAG_FILE, text: imageTagFileText(PLACEHOLDER_TAG), existing: 'keep' },
    { path: 'package.json', text: packageJsonText(options), existing: 'merge-package-json' },
    { path: 'tsconfig.json', text: TSCONFIG, existing: 'keep' },
    { path: 'cdk8s.yaml', text: CDK8S_YAML, existing: 'keep' },
    { path: 'Dockerfile', text: dockerfileFor(model.answers.runtime, { mirrorPrefix: cluster.mirrorPrefix, mirrors: cluster.mirrors, vendorDir: vendorDirOf(options.vibeEnvSpec) }), existing: 'keep' },
    { path: '.dockerignore', text: lines(DOCKERIGNORE), existing: 'append-lines' },
    { path: '.github/workflows/ci.yml', text: ciWorkflow(workflowOptions), existing: 'keep' },
    { path: '.github/workflows/cd.yml', text: cdWorkflow(workflowOptions), existing: 'keep' },
    { path: 'argocd/application.yaml', text: applicationYaml(options), existing: 'keep' },
    { path: '.gitignore', text: lines(GITIGNORE), existing: 'append-lines' },
    { path: 'README.md', text: creatorReadme(model, options.credentialsFor, options.certGiven), existing: 'write-beside' },
  ];
}

/** `vendor` for `file:vendor/vibe-env-0.1.0.tgz`: a tarball inside the repository the image build must copy. */
function vendorDirOf(spec: string): string | undefined {
  const match = /^file:(?:\.\/)?([^./][^/]*)\/[^/]+\.tgz$/.exec(spec);
  return match?.[1];
}

/** Quotes a string for a TypeScript single-quoted literal. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const COMPONENT_ORDER = ['postgres', 'mongo', 'redis', 'rabbitmq', 'nginx', 'mgmtSidecar'] as const;

/**
 * The creator's main.ts: the answers, with the tag imported from image-tag.json (the one place
 * CD writes). Only `true` components are listed, plus `nginx: false` when the proxy is off.
 */
export function mainTs(model: AppModel): string {
  const { answers } = model;
  const components = COMPONENT_ORDER.flatMap((key) => {
    const value = answers.components[key];
    if (key === 'nginx') return [`nginx: ${value !== false}`];
    return value ? [`${key}: true`] : [];
  });
  return [
    "import { VibeApp } from 'vibe-env';",
    `import { tag } from './${IMAGE_TAG_FILE}'; // the commit SHA CI built last, written by CD`,
    '',
    'VibeApp.synthesize({',
    `  slug: ${quote(answers.slug)},`,
    `  name: ${quote(model.displayName)},`,
    `  image: { repository: ${quote(answers.image.repository)}, tag },`,
    `  size: ${quote(answers.size)},`,
    `  runtime: ${quote(answers.runtime)},`,
    `  components: { ${components.join(', ')} },`,
    `  ingress: { enabled: ${answers.ingress.enabled}, tls: ${answers.ingress.tls} },`,
    '});',
    '',
  ].join('\n');
}

/** The scripts and devDependencies a creator repository needs (merged into an existing package.json). */
export function packageJsonParts(options: ScaffoldOptions): {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
} {
  const { model } = options;
  const kit = kitPackageJson(model);
  return {
    dependencies: kit.dependencies,
    scripts: {
      ...kit.scripts,
      // vibe's own runner: type-checks main.ts (the compile-time guards), exits 2 on bad answers
      // with plain lines, and never empties k8s/ first (cdk8s synth does; cdk8s.yaml keeps it working).
      synth: 'vibe synth --app main.ts',
      review: `vibe review ${repositoryReviewArgs(reviewInputs(options))}`,
      seal: `vibe seal --cert ${CERT_FILE} --namespace ${model.namespace} --name ${model.secretName} --merge-into ${DEFAULT_SEALED_FILE}`,
    },
    devDependencies: sortKeys({ 'vibe-env': options.vibeEnvSpec, ...options.tooling.devDependencies }),
  };
}

function packageJsonText(options: ScaffoldOptions): string {
  const { model } = options;
  const parts = packageJsonParts(options);
  const manifest = {
    name: model.slug,
    version: '0.0.0',
    private: true,
    description: `${model.displayName}, deployed on the vibe platform`,
    scripts: parts.scripts,
    ...(Object.keys(parts.dependencies).length > 0 ? { dependencies: parts.dependencies } : {}),
    devDependencies: parts.devDependencies,
    engines: { node: options.tooling.node },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Adds what the scaffold needs to an existing package.json (a Node app's own): missing scripts
 * and devDependencies only; nothing the creator wrote is replaced. Returns undefined when the
 * file is not a JSON object, and the list of what was added.
 */
export function mergePackageJson(existingText: string, options: ScaffoldOptions): { text: string; added: string[] } | undefined {
  let manifest: Record<string, any>;
  try {
    manifest = JSON.parse(existingText);
  } catch {
    return undefined;
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return undefined;
  const parts = packageJsonParts(options);
  const added: string[] = [];
  for (const section of ['scripts', 'dependencies', 'devDependencies'] as const) {
    if (Object.keys(parts[section]).length === 0) continue;
    const current: Record<string, string> = { ...(manifest[section] ?? {}) };
    for (const [key, value] of Object.entries(parts[section])) {
      // A package the app depends on already (in either section) is the creator's choice.
      const inDependencies = section !== 'scripts' && (manifest.dependencies?.[key] !== undefined || manifest.devDependencies?.[key] !== undefined);
      if (current[key] !== undefined || inDependencies) continue;
      current[key] = value;
      added.push(`${section}.${key}`);
    }
    manifest[section] = section === 'scripts' ? current : sortKeys(current);
  }
  return { text: `${JSON.stringify(manifest, null, 2)}\n`, added };
}

function applicationYaml(options: ScaffoldOptions): string {
  const { model } = options;
  const application = argoApplication({ slug: model.slug, namespace: model.namespace, repoURL: options.repoUrl });
  return argoYaml(application, [
    `The ArgoCD Application for "${model.displayName}". The platform team applies it once:`,
    '  kubectl apply -f argocd/application.yaml',
    'ArgoCD then keeps the namespace equal to k8s/ on main: it applies what CD commits, removes',
    'what synth stops writing (prune) and undoes changes made by hand (selfHeal).',
    'CreateNamespace=false: k8s/00-namespace.yaml creates the namespace with its security labels.',
  ]);
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: CREATOR_COMPILER_OPTIONS,
    include: ['main.ts'],
  },
  null,
  2,
)}\n`;

const CDK8S_YAML = [
  '# `npx cdk8s synth` runs main.ts and writes the numbered manifest files into k8s/ (it empties k8s/ first',
  '# and does not type-check main.ts). `npm run synth` (vibe synth --app main.ts) does both right.',
  'language: typescript',
  'app: npx ts-node --swc main.ts',
  'output: k8s',
  '',
].join('\n');

export const GITIGNORE = [
  '# Dependencies and build output',
  'node_modules/',
  'dist/',
  'target/',
  '__pycache__/',
  '*.pyc',
  '.venv/',
  'app.jar',
  '# The report CI uploads',
  'review.sarif',
  '# Plaintext secrets never go into git: seal them with `npm run seal`',
  '.env',
  '.env.*',
  '*.env',
];

export const DOCKERIGNORE = [
  '# Not part of the app image: git, CI, the deployment files and anything secret',
  '.git',
  '.github',
  'node_modules',
  'k8s',
  'argocd',
  'main.ts',
  'cdk8s.yaml',
  IMAGE_TAG_FILE,
  DEFAULT_SEALED_FILE,
  CERT_FILE,
  'review.sarif',
  '.env',
  '.env.*',
  '*.env',
];

function lines(list: readonly string[]): string {
  return `${list.join('\n')}\n`;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
