import * as fs from 'node:fs';
import { z } from 'zod';
import { ARGO_DEFAULTS, type AppSource, type ArgoSettings } from './argocd';
import { CREDENTIALS_IN_URL, hasCredentials } from './repo-url';
import { AppModel } from '../contract/app-model';
import { clusterConfigSchema, CLUSTER_CONFIG_EXAMPLES } from '../contract/cluster-config';
import { problemsFromZod, VibeInputError, type InputProblem } from '../contract/errors';
import { DNS_LABEL, DNS_NAME } from '../contract/patterns';
import { YamlSource } from '../inputs/yaml-source';

/**
 * `apps.yaml`: the platform's list of creator repositories, for `vibe platform argocd`.
 *
 * ```yaml
 * cluster: { prefix: platform }      # optional: the same cluster settings the apps use
 * argocd: { namespace: argocd, project: default, name: vibe-apps }   # optional
 * apps:
 *   - slug: inventory-checker
 *     repoURL: https://git.internal.example.com/vibe/inventory-checker
 *     targetRevision: main           # optional
 * ```
 */

/** Files bigger than this are a wrong path: a list of a thousand apps is well below. */
const MAX_APPS_FILE_BYTES = 4 * 1024 * 1024;

/** https://, ssh:// or scp-like git@host:path URLs, as ArgoCD accepts them. */
export const REPO_URL = /^(https:\/\/[^\s/]+\/\S+|ssh:\/\/\S+|[a-z0-9._-]+@[a-z0-9.-]+:\S+)$/i;

const appEntry = z.strictObject({
  // The slug's own rules (format, 63-character names) are the app's: checked by AppModel below.
  slug: z.string({ error: 'is required: the app\'s slug, as in its main.ts.' }),
  repoURL: z
    .string({ error: 'is required: the URL ArgoCD clones the app repository from.' })
    .regex(REPO_URL, { error: 'must be a git URL: https://host/path, ssh://host/path or git@host:path.' })
    .refine((url) => !hasCredentials(url), { error: CREDENTIALS_IN_URL }),
  targetRevision: z.string().min(1, { error: 'must name a branch, tag or commit.' }).optional(),
});

export const appsFileSchema = z.strictObject({
  cluster: z.unknown().optional(),
  argocd: z
    .strictObject({
      namespace: z.string().regex(DNS_LABEL, { error: 'must be a namespace name.' }).optional(),
      project: z.string().regex(DNS_LABEL, { error: 'must be an ArgoCD project name.' }).optional(),
      server: z.url({ error: 'must be the cluster API URL, such as https://kubernetes.default.svc.' }).optional(),
      name: z.string().regex(DNS_NAME, { error: 'must be a lowercase name such as vibe-apps.' }).optional(),
    })
    .prefault({}),
  apps: z
    .array(appEntry, { error: 'is required: a list of apps, each with slug and repoURL.' })
    .min(1, { error: 'needs at least one app.' }),
});

const EXAMPLES: Readonly<Record<string, string>> = {
  'apps': 'apps: [{ slug: inventory-checker, repoURL: https://git.internal.example.com/vibe/inventory-checker }]',
  'apps[].slug': 'slug: inventory-checker',
  'apps[].repoURL': 'repoURL: https://git.internal.example.com/vibe/inventory-checker',
  'apps[].targetRevision': 'targetRevision: main',
  'argocd.namespace': 'namespace: argocd',
  'argocd.project': 'project: default',
  'argocd.name': 'name: vibe-apps',
};

/** Field names at a path, so a typo gets "did you mean". */
function knownKeys(objectPath: string): readonly string[] {
  if (objectPath === '') return Object.keys(appsFileSchema.shape);
  if (objectPath === 'argocd') return ['namespace', 'project', 'server', 'name'];
  if (/^apps\[\d+\]$/.test(objectPath)) return Object.keys(appEntry.shape);
  return [];
}

/** The validated list: each app with its namespace, plus ArgoCD settings. */
export interface AppsFile {
  /** The ApplicationSet's name. */
  readonly name: string;
  /** Where Argo CD runs and deploys to. */
  readonly settings: ArgoSettings;
  /** The apps, one Application each. */
  readonly apps: readonly AppSource[];
}

export const DEFAULT_APPLICATION_SET_NAME = 'vibe-apps';

/** Reads and validates apps.yaml; every problem names `file:line` and the field. */
export function readAppsFile(file: string): AppsFile {
  return parseAppsFile(readText(file), file);
}

export function parseAppsFile(text: string, file: string): AppsFile {
  const source = YamlSource.parse(text, file);
  const locate = (problems: readonly InputProblem[]): InputProblem[] =>
    problems.map((p) => ({ ...p, location: p.location ?? `${file}:${source.lineOf(p.field) ?? 1}` }));

  const parsed = appsFileSchema.safeParse(source.value);
  if (!parsed.success) {
    throw new VibeInputError(locate(problemsFromZod(parsed.error, source.value, { example: (p) => EXAMPLES[p], knownKeys })));
  }
  const problems: InputProblem[] = [];
  const cluster = clusterConfigSchema.safeParse(parsed.data.cluster ?? {});
  if (!cluster.success) {
    problems.push(...problemsFromZod(cluster.error, parsed.data.cluster, { pathPrefix: ['cluster'], example: (p) => CLUSTER_CONFIG_EXAMPLES[p] }));
    throw new VibeInputError(locate(problems));
  }

  const seen = new Map<string, number>();
  const apps: AppSource[] = [];
  parsed.data.apps.forEach((entry, index) => {
    const field = `apps[${index}]`;
    let namespace: string | undefined;
    try {
      // The same rules as the app's own answers, so a slug accepted here synthesizes there.
      namespace = AppModel.resolve({ slug: entry.slug, image: { repository: 'x', tag: '0000000' } }, parsed.data.cluster ?? {}).namespace;
    } catch (error) {
      if (!(error instanceof VibeInputError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, field: `${field}.${p.field}` })));
    }
    const previous = seen.get(entry.slug);
    if (previous !== undefined) {
      problems.push({ field: `${field}.slug`, message: `got "${entry.slug}" again (already apps[${previous}]); each app is listed once, because its name and namespace come from the slug.` });
    }
    seen.set(entry.slug, index);
    const targetRevision = entry.targetRevision ?? ARGO_DEFAULTS.targetRevision;
    if (namespace) apps.push({ slug: entry.slug, namespace, repoURL: entry.repoURL, targetRevision });
  });
  if (problems.length > 0) throw new VibeInputError(locate(problems));

  const argocd = parsed.data.argocd;
  return {
    name: argocd.name ?? DEFAULT_APPLICATION_SET_NAME,
    settings: { namespace: argocd.namespace, project: argocd.project, server: argocd.server },
    apps,
  };
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw VibeInputError.single('--apps', `"${file}" is not a file. Example: --apps apps.yaml`);
    if (stat.size > MAX_APPS_FILE_BYTES) throw VibeInputError.single('--apps', `"${file}" is ${stat.size} bytes; an apps list is at most 4 MiB.`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof VibeInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw VibeInputError.single('--apps', `"${file}" ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}. Example: --apps apps.yaml`);
  }
  if (bytes.includes(0)) throw VibeInputError.single('--apps', `"${file}" is a binary file, not YAML.`);
  return bytes.toString('utf8');
}
