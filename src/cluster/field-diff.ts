import { sameQuantity } from '../review/checks/resources-quantity';

/** One field whose live value is not the committed one. `undefined` means "not set". */
export interface FieldChange {
  /** `spec.template.spec.containers[app].image`, `metadata.labels["app.kubernetes.io/name"]`. */
  readonly path: string;
  readonly committed: unknown;
  readonly live: unknown;
}

/** Keys that identify the items of a list (Kubernetes' merge keys), tried in this order. */
const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'port', 'devicePath', 'key', 'topologyKey', 'ip'];

/** Top-level fields that are never compared: identity (matched already) and what nobody applies. */
const NOT_COMPARED = new Set(['apiVersion', 'kind', 'status']);

/** Fields whose values are quantities, which the API server rewrites (`0.5` → `500m`, `1024Mi` → `1Gi`). */
const QUANTITY_PATH = /(^|\.)(resources|hard|capacity)(\.|\[)|(^|\.)(sizeLimit|averageValue|storage)$/;

/**
 * What differs between a committed object and the live one, judged only on the fields the
 * committed object sets: what the API server adds or defaults (uids, `imagePullPolicy`,
 * `clusterIP`, `protocol: TCP`…) is not drift. Lists with a merge key (containers, env, ports,
 * volumes) are matched by it, so an added container is reported by name; other lists compare
 * item by item. Quantities compare by value. `skip` names top-level fields left out (a Secret's
 * values, which are never read).
 */
export function changedFields(committed: Record<string, unknown>, live: Record<string, unknown>, skip: readonly string[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(committed)) {
    if (NOT_COMPARED.has(key) || skip.includes(key)) continue;
    compare(committed[key], live[key], pathOf('', key), changes);
  }
  return changes;
}

function compare(committed: unknown, live: unknown, path: string, changes: FieldChange[]): void {
  if (committed === null || committed === undefined) return;
  if (Array.isArray(committed)) {
    compareLists(committed, live, path, changes);
    return;
  }
  if (isMap(committed)) {
    const keys = Object.keys(committed);
    if (keys.length === 0) return; // `{}` sets nothing the server has to keep
    if (live === undefined || live === null) {
      changes.push({ path, committed, live: undefined });
      return;
    }
    if (!isMap(live)) {
      changes.push({ path, committed, live });
      return;
    }
    for (const key of keys) compare(committed[key], live[key], pathOf(path, key), changes);
    return;
  }
  if (committed === live) return;
  if (QUANTITY_PATH.test(path) && sameQuantity(committed, live)) return;
  changes.push({ path, committed, live });
}

function compareLists(committed: unknown[], live: unknown, path: string, changes: FieldChange[]): void {
  if (committed.length === 0) {
    if (live === undefined || live === null || (Array.isArray(live) && live.length === 0)) return;
    changes.push({ path, committed, live });
    return;
  }
  if (!Array.isArray(live)) {
    changes.push({ path, committed, live });
    return;
  }
  const key = mergeKeyOf(committed);
  if (!key) {
    if (committed.length !== live.length) {
      changes.push({ path, committed, live });
      return;
    }
    committed.forEach((item, i) => compare(item, live[i], `${path}[${i}]`, changes));
    return;
  }
  const liveByKey = new Map<string, unknown>();
  for (const item of live) if (isMap(item)) liveByKey.set(String(item[key]), item);
  const committedKeys = new Set<string>();
  for (const item of committed as Record<string, unknown>[]) {
    const id = String(item[key]);
    committedKeys.add(id);
    const match = liveByKey.get(id);
    if (match === undefined) changes.push({ path: `${path}[${id}]`, committed: item, live: undefined });
    else compare(item, match, `${path}[${id}]`, changes);
  }
  for (const [id, item] of liveByKey) if (!committedKeys.has(id)) changes.push({ path: `${path}[${id}]`, committed: undefined, live: item });
}

/** The merge key of a committed list: a key every item has, with a scalar value unique in the list. */
function mergeKeyOf(items: readonly unknown[]): string | undefined {
  if (!items.every(isMap)) return undefined;
  const maps = items as Record<string, unknown>[];
  return MERGE_KEYS.find((key) => {
    const values = maps.map((m) => m[key]);
    if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) return false;
    return new Set(values.map(String)).size === values.length;
  });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `a.b`, or `a["app.kubernetes.io/name"]` for keys that are not plain words. */
function pathOf(parent: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** A value for a one-line report: `"text"`, `2`, `{…}` shortened; "(not set)" for undefined. */
export function describeField(value: unknown, max = 80): string {
  if (value === undefined) return '(not set)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
