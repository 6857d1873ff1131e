import type { DeclaredPort, NetworkProblem } from './endpoints';
import { InvalidPolicyError } from './invalid-policy';
import { IpBlock } from './ip-block';
import { LabelSelector, type Labels } from './label-selector';
import { closest } from '../contract/errors';
import { locationOf, type ManifestObject } from '../manifests/manifest-object';

/** The only API whose `NetworkPolicy` has these semantics (Calico's or Cilium's do not). */
export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';

/** One `from`/`to` entry. Selectors given together must both match (AND). */
export interface PolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

export interface PolicyPort {
  /** `TCP` unless written otherwise. */
  readonly protocol: string;
  /** A number, a port name, or absent for every port. */
  readonly port?: number | string;
  /** With a numeric `port`: the range `port..endPort`. */
  readonly endPort?: number;
}

/** One `ingress`/`egress` entry. An empty list of peers or ports means all of them. */
export interface PolicyRule {
  readonly peers: readonly PolicyPeer[];
  readonly ports: readonly PolicyPort[];
}

/** A NetworkPolicy as the cluster understands it, with defaults applied. */
export interface ParsedNetworkPolicy {
  readonly manifest: ManifestObject;
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  /** `Ingress` in the effective policyTypes: the selected pods are isolated for ingress. */
  readonly isolatesIngress: boolean;
  /** `Egress` in the effective policyTypes. */
  readonly isolatesEgress: boolean;
  /** Rules that count only when `isolatesIngress` (Kubernetes ignores them otherwise). */
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

/** What a peer is matched against: a pod or actor on the other side of a connection. */
export interface PeerView {
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly namespaceLabels?: Labels;
  readonly address?: string;
}

const PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP']);
const KNOWN_FIELDS = {
  spec: ['podSelector', 'policyTypes', 'ingress', 'egress'],
  ingress: ['from', 'ports'],
  egress: ['to', 'ports'],
  peer: ['podSelector', 'namespaceSelector', 'ipBlock'],
  port: ['protocol', 'port', 'endPort'],
};

export function isNetworkPolicy(manifest: ManifestObject): boolean {
  return manifest.kind === 'NetworkPolicy' && manifest.apiVersion === NETWORK_POLICY_API_VERSION;
}

/**
 * Reads a NetworkPolicy with the API server's defaults: no `policyTypes` (or an empty list)
 * means `Ingress`, plus `Egress` when the policy has at least one egress rule; an absent
 * `podSelector` selects every pod. Throws `InvalidPolicyError` for what the API server refuses.
 * Unknown fields are dropped, as the API server drops them, and reported in `problems`.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function parseNetworkPolicy(manifest: ManifestObject, namespace: string, problems: NetworkProblem[]): ParsedNetworkPolicy {
  const note = (field: string, known: readonly string[]) => (key: string) => {
    const suggestion = closest(key, known);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    problems.push({ manifest, message: `${locationOf(manifest)}: NetworkPolicy/${manifest.name}: unknown field ${field}.${key} is ignored by Kubernetes.${hint}` });
  };
  const spec = mapOrEmpty(manifest.object.spec, 'spec');
  unknownKeys(spec, KNOWN_FIELDS.spec).forEach(note('spec', KNOWN_FIELDS.spec));
  const ingress = rules(spec.ingress, 'spec.ingress', 'from', note);
  const egress = rules(spec.egress, 'spec.egress', 'to', note);
  const types = policyTypes(spec.policyTypes, egress.length > 0);
  return {
    manifest,
    name: manifest.name,
    namespace,
    podSelector: LabelSelector.parse(spec.podSelector, 'spec.podSelector'),
    isolatesIngress: types.has('Ingress'),
    isolatesEgress: types.has('Egress'),
    ingress,
    egress,
  };
}

/** True when the rule admits the other side: no peers (everyone) or one matching peer. */
export function ruleAdmitsPeer(rule: PolicyRule, policyNamespace: string, other: PeerView): boolean {
  return rule.peers.length === 0 || rule.peers.some((peer) => peerAdmits(peer, policyNamespace, other));
}

/**
 * `ipBlock` matches only addresses outside the cluster. Otherwise the namespace must match
 * `namespaceSelector` (or be the policy's own when there is none) and the pod `podSelector`.
 */
export function peerAdmits(peer: PolicyPeer, policyNamespace: string, other: PeerView): boolean {
  if (peer.ipBlock) return other.address !== undefined && peer.ipBlock.contains(other.address);
  if (other.namespace === undefined) return false;
  const namespaceMatches = peer.namespaceSelector ? peer.namespaceSelector.matches(other.namespaceLabels ?? {}) : other.namespace === policyNamespace;
  return namespaceMatches && (!peer.podSelector || peer.podSelector.matches(other.labels ?? {}));
}

/**
 * True when the rule admits `port`/`protocol`. A named port matches when the destination
 * declares a port of that name, protocol and number; a name nobody declares matches nothing.
 */
export function ruleAdmitsPort(rule: PolicyRule, port: number, protocol: string, destinationPorts: readonly DeclaredPort[]): boolean {
  return rule.ports.length === 0 || rule.ports.some((p) => portAdmits(p, port, protocol, destinationPorts));
}

function portAdmits(rulePort: PolicyPort, port: number, protocol: string, destinationPorts: readonly DeclaredPort[]): boolean {
  if (rulePort.protocol !== protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'number') {
    return rulePort.endPort === undefined ? port === rulePort.port : port >= rulePort.port && port <= rulePort.endPort;
  }
  return destinationPorts.some((declared) => declared.name === rulePort.port && declared.port === port && declared.protocol === protocol);
}

type Note = (field: string, known: readonly string[]) => (key: string) => void;

function policyTypes(raw: unknown, hasEgressRules: boolean): Set<string> {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    return new Set(hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress']);
  }
  if (!Array.isArray(raw)) throw new InvalidPolicyError('spec.policyTypes', 'must be a list of Ingress and/or Egress.');
  raw.forEach((type, index) => {
    if (type !== 'Ingress' && type !== 'Egress') throw new InvalidPolicyError(`spec.policyTypes[${index}]`, `got ${JSON.stringify(type)}; allowed are Ingress and Egress.`);
  });
  return new Set(raw as string[]);
}

function rules(raw: unknown, field: string, peersKey: 'from' | 'to', note: Note): PolicyRule[] {
  const direction = peersKey === 'from' ? 'ingress' : 'egress';
  return listOrEmpty(raw, field).map((entry, index) => {
    const ruleField = `${field}[${index}]`;
    // A null entry (`- ` with nothing after it) decodes as an empty rule: allow everything.
    const rule = mapOrEmpty(entry, ruleField);
    unknownKeys(rule, KNOWN_FIELDS[direction]).forEach(note(ruleField, KNOWN_FIELDS[direction]));
    return {
      peers: listOrEmpty(rule[peersKey], `${ruleField}.${peersKey}`).map((peer, i) => parsePeer(peer, `${ruleField}.${peersKey}[${i}]`, note)),
      ports: listOrEmpty(rule.ports, `${ruleField}.ports`).map((port, i) => parsePort(port, `${ruleField}.ports[${i}]`, note)),
    };
  });
}

function parsePeer(raw: unknown, field: string, note: Note): PolicyPeer {
  const peer = mapOrEmpty(raw, field);
  unknownKeys(peer, KNOWN_FIELDS.peer).forEach(note(field, KNOWN_FIELDS.peer));
  const given = (key: string) => peer[key] !== undefined && peer[key] !== null;
  if (given('ipBlock')) {
    if (given('podSelector') || given('namespaceSelector')) throw new InvalidPolicyError(field, 'ipBlock cannot be combined with podSelector or namespaceSelector.');
    return { ipBlock: IpBlock.parse(peer.ipBlock, `${field}.ipBlock`) };
  }
  if (!given('podSelector') && !given('namespaceSelector')) throw new InvalidPolicyError(field, 'must set podSelector, namespaceSelector or ipBlock.');
  return {
    ...(given('podSelector') ? { podSelector: LabelSelector.parse(peer.podSelector, `${field}.podSelector`) } : {}),
    ...(given('namespaceSelector') ? { namespaceSelector: LabelSelector.parse(peer.namespaceSelector, `${field}.namespaceSelector`) } : {}),
  };
}

function parsePort(raw: unknown, field: string, note: Note): PolicyPort {
  const entry = mapOrEmpty(raw, field);
  unknownKeys(entry, KNOWN_FIELDS.port).forEach(note(field, KNOWN_FIELDS.port));
  const protocol = entry.protocol ?? 'TCP';
  if (typeof protocol !== 'string' || !PROTOCOLS.has(protocol)) throw new InvalidPolicyError(`${field}.protocol`, `got ${JSON.stringify(protocol)}; allowed are TCP, UDP, SCTP.`);
  const { port, endPort } = entry;
  if (port === undefined || port === null) {
    if (endPort !== undefined && endPort !== null) throw new InvalidPolicyError(`${field}.endPort`, 'needs a numeric port to start the range.');
    return { protocol };
  }
  if (typeof port === 'string') {
    if (!isPortName(port)) throw new InvalidPolicyError(`${field}.port`, `got ${JSON.stringify(port)}; a port name is at most 15 lowercase letters, digits and "-" with at least one letter. Write numbers without quotes.`);
    if (endPort !== undefined && endPort !== null) throw new InvalidPolicyError(`${field}.endPort`, 'works only with a numeric port.');
    return { protocol, port };
  }
  if (!isPortNumber(port)) throw new InvalidPolicyError(`${field}.port`, `got ${JSON.stringify(port)}; expected 1-65535 or a port name.`);
  if (endPort === undefined || endPort === null) return { protocol, port };
  if (!isPortNumber(endPort) || endPort < port) throw new InvalidPolicyError(`${field}.endPort`, `got ${JSON.stringify(endPort)}; expected a port from ${port} to 65535.`);
  return { protocol, port, endPort };
}

/** IANA service name, as Kubernetes validates container and policy port names. */
function isPortName(name: string): boolean {
  return name.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

function isPortNumber(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

function mapOrEmpty(raw: unknown, field: string): Record<string, any> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidPolicyError(field, 'must be a map of fields.');
  return raw as Record<string, any>;
}

function listOrEmpty(raw: unknown, field: string): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new InvalidPolicyError(field, 'must be a list.');
  return raw;
}

function unknownKeys(map: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(map).filter((key) => !known.includes(key));
}
