import * as fs from 'node:fs';
import * as path from 'node:path';
import { yamlLibrary } from './lazy-yaml';

/**
 * Files a folder of an app repository holds beside its manifests that are clearly not Kubernetes
 * objects (cdk8s.yaml, package.json, Helm chart sources, workflows …): `vibe review .` skips them
 * and lists them in one note instead of stopping at the first. Only files found by walking a
 * folder are judged so; a file named on the command line is meant to be a manifest. A file that
 * looks meant to be one (it has an apiVersion, kind, metadata or spec key, or is not valid YAML) is never skipped:
 * its error and line still stop the review.
 */
export interface SkippedFile {
  readonly file: string;
  /** What the file is, in a few words: `cdk8s config`. */
  readonly what: string;
}

/** Well-known names, matched exactly (lower case): what each file is. */
const BY_NAME: Readonly<Record<string, string>> = {
  'cdk8s.yaml': 'cdk8s config',
  'cdk8s.yml': 'cdk8s config',
  'package.json': 'npm package',
  'package-lock.json': 'npm lock file',
  'npm-shrinkwrap.json': 'npm lock file',
  'construct-metadata.json': 'cdk8s construct metadata',
  'jsconfig.json': 'JavaScript config',
  'kustomization.yaml': 'Kustomize config (review `kustomize build` output)',
  'kustomization.yml': 'Kustomize config (review `kustomize build` output)',
  'chart.yaml': 'Helm chart (review `helm template` output)',
  'chart.lock': 'Helm chart lock',
  'docker-compose.yml': 'Docker Compose file',
  'docker-compose.yaml': 'Docker Compose file',
  'compose.yml': 'Docker Compose file',
  'compose.yaml': 'Docker Compose file',
  'renovate.json': 'Renovate config',
};

/** Name patterns: TypeScript configs and Helm values files. */
const BY_PATTERN: readonly [RegExp, string][] = [
  [/^tsconfig(\..+)?\.json$/, 'TypeScript config'],
  [/^values([.-].+)?\.(ya?ml|json)$/, 'Helm values'],
  [/^values\.schema\.json$/, 'Helm values schema'],
];

/** What a file is by its name alone, when that name is never a manifest's. */
export function nonManifestByName(file: string): string | undefined {
  const name = path.basename(file).toLowerCase();
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name];
  return BY_PATTERN.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * True for a Helm chart's source folder (it holds Chart.yaml): its templates are Go templates,
 * not manifests, so the whole folder is skipped as one entry.
 */
export function isHelmChartFolder(names: readonly string[]): boolean {
  return names.includes('Chart.yaml');
}

/** A key every manifest has, written as a key (YAML or JSON): a file with one is meant to be a manifest. */
const MANIFEST_KEYS = [/^[\s-]*["']?(apiVersion|kind|metadata|spec)["']?[ \t]*:/m, /["'](apiVersion|kind|metadata|spec)["'][ \t]*:/];

/**
 * What a file that failed to read as manifests is, when its content is clearly something else:
 * valid YAML or JSON in which no document has an apiVersion, kind, metadata or spec key (a workflow, an app's config
 * file). Undefined when it looks meant to be a manifest, so its own error stands.
 */
export function nonManifestByContent(file: string, maxBytes: number): string | undefined {
  let text: string;
  try {
    if (fs.statSync(file).size > maxBytes) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // A binary file is refused with its own error, a manifest written wrong keeps its error and line.
  if (text.includes('\0') || MANIFEST_KEYS.some((key) => key.test(text))) return undefined;
  const documents = yamlLibrary().parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) return undefined;
  const values: unknown[] = documents.map((document) => document.toJS()).filter((value) => value !== null && value !== undefined);
  // A config file is a map or a list; stray text is not clearly anything.
  if (values.length === 0 || !values.every((value) => typeof value === 'object')) return undefined;
  if (values.some(isWorkflow)) return 'CI workflow';
  return path.extname(file).toLowerCase() === '.json' ? 'JSON file without apiVersion or kind' : 'YAML file without apiVersion or kind';
}

function isWorkflow(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'jobs' in value && ('on' in value || 'true' in value || 'stages' in value);
}

/** `note: skipped 3 files that are not Kubernetes manifests: cdk8s.yaml (cdk8s config), …`. */
export function skippedFilesNote(skipped: readonly SkippedFile[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const files = skipped.map((s) => `${s.file} (${s.what})`).join(', ');
  return `note: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not Kubernetes manifests: ${files}`;
}
