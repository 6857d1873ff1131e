import { closest } from '../../contract/errors';
import { referenceOf } from '../../manifests/manifest-object';
import { NAMESPACE_NAME_LABEL, type Endpoint, type PodEndpoint } from '../../network/endpoints';
import type { Labels } from '../../network/label-selector';
import type { ParsedNetworkPolicy } from '../../network/network-policy';
import { textOf } from '../text';
import { asList, asMap, isMap } from '../values';

/**
 * How the networking checks (group C) say what a policy selects and whom it lets in, in the
 * words of the fix: `pods app=shop-nginx`, `namespace kube-system, pods app.kubernetes.io/name=traefik`.
 * Policies are described from what was written (the parsed selectors keep no text).
 */


/** `app=shop, tier in (web, api), !legacy`; empty for a selector that selects everything. */
export function selectorText(raw: unknown): string {
  if (!isMap(raw)) return '';
  const parts: string[] = [];
  if (isMap(raw.matchLabels)) for (const [key, value] of Object.entries(raw.matchLabels)) parts.push(`${key}=${value ?? ''}`);
  if (Array.isArray(raw.matchExpressions)) {
    for (const e of raw.matchExpressions) {
      if (!isMap(e)) continue;
      const values = Array.isArray(e.values) ? e.values.join(', ') : '';
      switch (e.operator) {
        case 'In':
          parts.push(`${e.key} in (${values})`);
          break;
        case 'NotIn':
          parts.push(`${e.key} notin (${values})`);
          break;
        case 'Exists':
          parts.push(textOf(e.key));
          break;
        case 'DoesNotExist':
          parts.push(`!${e.key}`);
          break;
      }
    }
  }
  return parts.join(', ');
}

/** The podSelector of a policy as written: `app=my-ap`, or `every pod` for `{}`. */
export function policySelectorText(policy: ParsedNetworkPolicy): string {
  const text = selectorText(policy.manifest.object.spec?.podSelector);
  return text === '' ? 'every pod' : `pods ${text}`;
}

/** One `from` entry as written: `namespace kube-system, pods app.kubernetes.io/name=traefik`, `any namespace`, `addresses 0.0.0.0/0`. */
export function peerText(raw: unknown): string {
  if (!isMap(raw)) return 'anyone';
  if (isMap(raw.ipBlock)) {
    const except = Array.isArray(raw.ipBlock.except) && raw.ipBlock.except.length > 0 ? ` except ${raw.ipBlock.except.join(', ')}` : '';
    return `addresses ${raw.ipBlock.cidr}${except}`;
  }
  const pods = raw.podSelector === undefined || raw.podSelector === null ? undefined : selectorText(raw.podSelector);
  if (raw.namespaceSelector === undefined || raw.namespaceSelector === null) return pods ? `pods ${pods}` : 'every pod of this namespace';
  const namespaceSelector = asMap(raw.namespaceSelector);
  const matchLabels = asMap(namespaceSelector.matchLabels);
  const names = Object.keys(matchLabels);
  const onlyName = names.length === 1 && names[0] === NAMESPACE_NAME_LABEL && !Array.isArray(namespaceSelector.matchExpressions);
  const namespaces = selectorText(raw.namespaceSelector);
  const where = onlyName ? `namespace ${textOf(matchLabels[NAMESPACE_NAME_LABEL])}` : namespaces === '' ? 'any namespace' : `namespaces ${namespaces}`;
  return pods ? `${where}, pods ${pods}` : where;
}

/** The peers of one ingress rule as written, joined with "or". */
export function rulePeersText(policy: ParsedNetworkPolicy, ruleIndex: number): string {
  const rule = asList(policy.manifest.object.spec?.ingress)[ruleIndex];
  const from = isMap(rule) ? asList(rule.from) : [];
  return from.length === 0 ? 'anyone' : from.map(peerText).join(' or ');
}

/** The ports of one ingress rule: `port 8081`, `ports 8081, http`, `every port`. */
export function rulePortsText(policy: ParsedNetworkPolicy, ruleIndex: number): string {
  const ports = policy.ingress[ruleIndex]?.ports ?? [];
  if (ports.length === 0) return 'every port';
  const shown = ports.map((p) => (p.port === undefined ? `every ${p.protocol} port` : `${p.port}${p.endPort ? `-${p.endPort}` : ''}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`));
  return `${shown.length === 1 ? 'port' : 'ports'} ${shown.join(', ')}`;
}

/** The label that names a pod in a fix: `app=shop-app`, else all its labels. */
export function podLabelText(pod: PodEndpoint): string {
  if (pod.labels.app !== undefined) return `app=${pod.labels.app}`;
  const all = Object.entries(pod.labels).map(([k, v]) => `${k}=${v}`);
  return all.length > 0 ? all.join(', ') : `(${pod.kind} ${pod.name} has no pod labels: add one, e.g. app: ${pod.name})`;
}

/** Who a flow comes from, as the `from` of the allow that would let it in. */
export function sourceText(source: Endpoint, destinationNamespace: string): string {
  if (source.type === 'pod') {
    const pods = `pods ${podLabelText(source)}`;
    return source.namespace === destinationNamespace ? pods : `namespace ${source.namespace}, ${pods}`;
  }
  if (source.namespace === undefined) return `addresses around ${source.address}`;
  const labels = Object.entries(source.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return labels.length > 0 ? `namespace ${source.namespace}, pods ${labels.join(', ')}` : `namespace ${source.namespace}`;
}

/** `Deployment shop-app`, `the internet (203.0.113.10)`. */
export function endpointText(endpoint: Endpoint): string {
  return endpoint.type === 'pod' ? `${endpoint.kind} ${endpoint.name}` : endpoint.title;
}

/** `NetworkPolicy/allow-app-to-db`. */
export function policyRef(policy: ParsedNetworkPolicy): string {
  return referenceOf(policy.manifest);
}

/** Something with labels that a message can name: a pod, or an actor. */
export interface Labelled {
  readonly labels: Labels;
  readonly kind: string;
  readonly name: string;
}

/**
 * The likely typo in a selector that matches none of `pods`: a label whose value (or key) is
 * close to one the pods carry. `app: my-app (Deployment my-app)`.
 */
export function selectorTypo(raw: unknown, pods: readonly Labelled[]): string | undefined {
  if (!isMap(raw) || !isMap(raw.matchLabels)) return undefined;
  for (const [key, rawValue] of Object.entries(raw.matchLabels)) {
    const value = textOf(rawValue ?? '');
    if (pods.some((p) => labelOf(p, key) === value)) continue;
    const values = unique(pods.flatMap((p) => labelOf(p, key) ?? []));
    const closeValue = closest(value, values);
    if (closeValue !== undefined) return `${key}: ${closeValue}${carriers(pods, key, closeValue)}`;
    const keys = unique(pods.flatMap((p) => Object.keys(p.labels).filter((k) => p.labels[k] === value)));
    const closeKey = closest(key, keys);
    if (closeKey !== undefined) return `${closeKey}: ${value}${carriers(pods, closeKey, value)}`;
  }
  return undefined;
}

/** A label's value; own keys only, so a selector key like `toString` finds no label. */
function labelOf(pod: Labelled, key: string): string | undefined {
  return Object.hasOwn(pod.labels, key) ? pod.labels[key] : undefined;
}

function carriers(pods: readonly Labelled[], key: string, value: string): string {
  const names = pods.filter((p) => labelOf(p, key) === value).map((p) => `${p.kind} ${p.name}`);
  return names.length > 0 ? ` (${names.join(', ')})` : '';
}

/** `8080`, `8080 and 8082`, `8080, 8081 and 8082`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

