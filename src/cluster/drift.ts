import { changedFields, describeField, type FieldChange } from './field-diff';
import { KubeApi, type ClusterOptions } from './kube-api';
import { listMany, madeByTheCluster, readNamespaceObject, type ListOptions, type LiveObject } from './live-objects';
import { NAMESPACE, NAMESPACE_RESOURCES, resourceFor, SECRET, versionOf, type ResourceType } from './resources';
import { VibeInputError } from '../contract/errors';
import { DNS_LABEL } from '../contract/patterns';
import { loadManifests } from '../manifests/load-manifests';
import { locationOf, referenceOf, type ManifestObject } from '../manifests/manifest-object';

/** The label every object vibe-env writes carries; extra objects with it are the app's, whatever their kind. */
const MANAGED_BY_VIBE_ENV = 'app.kubernetes.io/managed-by=vibe-env';

export interface DiffOptions extends ClusterOptions {
  /** Default: the committed set's Namespace. */
  readonly namespace?: string;
}

export interface DriftReport {
  readonly namespace: string;
  readonly where: string;
  /** How many committed objects were compared. */
  readonly compared: number;
  /** Committed, absent from the cluster: ArgoCD would create them. */
  readonly missing: readonly ManifestObject[];
  /** In the cluster, not committed: ArgoCD with prune would delete them. */
  readonly extra: readonly LiveObject[];
  /** Committed and live, with fields that differ: ArgoCD's selfHeal would revert them. */
  readonly changed: readonly { readonly manifest: ManifestObject; readonly changes: readonly FieldChange[] }[];
  /** Committed objects not compared, and why (another namespace, a kind vibe diff does not read). */
  readonly notes: readonly string[];
}

/**
 * Compares the committed manifests with what runs in the namespace: missing objects, extra ones
 * (of the committed kinds, or labelled managed-by vibe-env) and, for the others, every field the
 * committed manifest sets whose live value differs. Fields the API server adds are not drift.
 */
export async function findDrift(paths: readonly string[], options: DiffOptions): Promise<DriftReport> {
  const committed = loadManifests(paths);
  const namespace = namespaceOf(committed, options.namespace);
  const notes: string[] = [];

  const compared: { manifest: ManifestObject; type: ResourceType }[] = [];
  for (const manifest of committed) {
    const type = resourceFor(manifest.kind, manifest.apiVersion);
    if (!type) {
      notes.push(`not compared: ${referenceOf(manifest)} (${locationOf(manifest)}): vibe diff does not read ${manifest.apiVersion} ${manifest.kind}.`);
    } else if (type === NAMESPACE ? manifest.name !== namespace : (manifest.namespace ?? namespace) !== namespace) {
      notes.push(`not compared: ${referenceOf(manifest)} (${locationOf(manifest)}) belongs to namespace "${type === NAMESPACE ? manifest.name : manifest.namespace}", not "${namespace}".`);
    } else {
      compared.push({ manifest, type });
      if (type === SECRET && (manifest.object.data || manifest.object.stringData)) notes.push(`note: ${referenceOf(manifest)}: values not compared (vibe never reads Secret values).`);
    }
  }

  if (compared.length === 0) {
    const theirs = [...new Set(committed.map((m) => (m.kind === 'Namespace' ? m.name : m.namespace)).filter(Boolean))].map((n) => `"${n}"`);
    throw VibeInputError.single(
      '--namespace',
      `none of the ${committed.length} committed objects is compared in namespace "${namespace}"${theirs.length ? ` (they name ${theirs.join(', ')})` : ''}. Leave --namespace out to use theirs.`,
    );
  }
  const api = await KubeApi.connect(options);
  const namespaceObject = await readNamespaceObject(api, namespace);
  // The committed kinds in their committed versions; every other kind only where labelled as vibe-env's.
  const committedVersion = new Map<ResourceType, string>();
  for (const { manifest, type } of compared) {
    if (type !== NAMESPACE && !committedVersion.has(type)) committedVersion.set(type, versionOf(manifest.apiVersion));
  }
  const lists: { type: ResourceType; options?: ListOptions }[] = NAMESPACE_RESOURCES.filter((t) => t !== NAMESPACE).map((type) => {
    const version = committedVersion.get(type);
    return version ? { type, options: { version } } : { type, options: { labelSelector: MANAGED_BY_VIBE_ENV } };
  });
  const { objects } = await listMany(api, lists, namespace);
  const live = new Map<string, LiveObject>([[`Namespace/${namespace}`, namespaceObject]]);
  for (const object of objects) if (madeByTheCluster(object) === undefined) live.set(`${object.kind}/${object.metadata?.name}`, object);

  const missing: ManifestObject[] = [];
  const changed: { manifest: ManifestObject; changes: FieldChange[] }[] = [];
  const committedKeys = new Set<string>();
  for (const { manifest, type } of compared) {
    const key = referenceOf(manifest);
    committedKeys.add(key);
    const object = live.get(key);
    if (!object) {
      missing.push(manifest);
      continue;
    }
    const changes = changedFields(manifest.object, object, type === SECRET ? ['data', 'stringData'] : []);
    if (changes.length > 0) changed.push({ manifest, changes });
  }
  const extra = [...live].filter(([key]) => !committedKeys.has(key)).map(([, object]) => object);
  extra.sort((a, b) => `${a.kind}/${a.metadata?.name}`.localeCompare(`${b.kind}/${b.metadata?.name}`));
  return { namespace, where: api.where, compared: compared.length, missing, extra, changed, notes };
}

/** The namespace to compare: --namespace, else the committed Namespace, else the one the objects name. */
function namespaceOf(committed: readonly ManifestObject[], given: string | undefined): string {
  if (given !== undefined) {
    if (!DNS_LABEL.test(given)) throw VibeInputError.single('--namespace', `got "${given}" — a namespace name is lowercase letters, digits and "-". Example: --namespace platform-vibe-shop`);
    return given;
  }
  const declared = [...new Set(committed.filter((m) => m.kind === 'Namespace').map((m) => m.name))];
  if (declared.length === 1) return declared[0];
  const named = [...new Set(committed.map((m) => m.namespace).filter((n): n is string => Boolean(n)))];
  if (declared.length === 0 && named.length === 1) return named[0];
  throw VibeInputError.single('--namespace', 'is required: the manifests do not name exactly one namespace. Example: vibe diff --namespace platform-vibe-shop k8s/');
}

/** True when anything differs. */
export function hasDrift(report: DriftReport): boolean {
  return report.missing.length + report.extra.length + report.changed.length > 0;
}

/** The report for people: one section per kind of drift, each object with where it is committed, each changed field with both values. */
export function formatDrift(report: DriftReport): string {
  if (!hasDrift(report)) {
    return `No drift: the ${report.compared} committed object${report.compared === 1 ? '' : 's'} match namespace ${report.namespace} at ${report.where}.\n`;
  }
  const lines = [`Drift in namespace ${report.namespace} at ${report.where}:`];
  if (report.missing.length > 0) {
    lines.push('', 'Missing in the cluster (ArgoCD would create them):');
    for (const m of report.missing) lines.push(`  - ${referenceOf(m)}  (${locationOf(m)})`);
  }
  if (report.extra.length > 0) {
    lines.push('', 'Extra in the cluster, not committed (ArgoCD with prune would delete them):');
    for (const o of report.extra) lines.push(`  + ${o.kind}/${o.metadata?.name}`);
  }
  if (report.changed.length > 0) {
    lines.push('', 'Changed in the cluster (ArgoCD selfHeal would revert them):');
    for (const { manifest, changes } of report.changed) {
      lines.push(`  ~ ${referenceOf(manifest)}  (${locationOf(manifest)})`);
      for (const c of changes) lines.push(`      ${c.path}: committed ${describeField(c.committed)}, live ${describeField(c.live)}`);
    }
  }
  const counts = [
    report.missing.length ? `${report.missing.length} missing` : '',
    report.extra.length ? `${report.extra.length} extra` : '',
    report.changed.length ? `${report.changed.length} changed` : '',
  ].filter(Boolean);
  const total = report.missing.length + report.extra.length + report.changed.length;
  lines.push('', `${total} object${total === 1 ? '' : 's'} differ${total === 1 ? 's' : ''} from the committed manifests (${counts.join(', ')}).`);
  return `${lines.join('\n')}\n`;
}
