import { clusterActors, type EgressProbe } from './actors';
import { isWorkload, NAMESPACE_NAME_LABEL, podEndpointOf, type ActorEndpoint, type DeclaredPort, type Endpoint, type NetworkProblem, type PodEndpoint } from './endpoints';
import { FlowSources } from './flow-sources';
import { InvalidPolicyError } from './invalid-policy';
import { LabelIndex } from './label-index';
import { labelsOf, type LabelSelector, type Labels } from './label-selector';
import { isNetworkPolicy, NETWORK_POLICY_API_VERSION, parseNetworkPolicy, ruleAdmitsPeer, ruleAdmitsPort, type ParsedNetworkPolicy, type PeerView, type PolicyRule } from './network-policy';
import { locationOf, type ManifestObject } from '../manifests/manifest-object';

/** Namespaces with more pods than this get a label index for their selectors. */
const INDEX_FROM_PODS = 32;

export interface NetworkOptions {
  /** Namespace of objects that set none. @default - the name of the only Namespace in the set, else `default` */
  readonly defaultNamespace?: string;
  /** Actors outside the set that open connections to its pods. @default clusterActors().sources */
  readonly sources?: readonly ActorEndpoint[];
  /** Connections from every pod to outside actors to check. @default clusterActors().egressProbes */
  readonly egressProbes?: readonly EgressProbe[];
}

/** A connection the policies allow. */
export interface Flow {
  /** Who connects. */
  readonly from: Endpoint;
  /** Who is connected to. */
  readonly to: Endpoint;
  /** The destination port. */
  readonly port: number;
  /** `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
  /** The destination's name for the port, when it declares one. @default - none */
  readonly portName?: string;
}

/**
 * Who can reach whom in a manifest set, by Kubernetes NetworkPolicy semantics: policies add up;
 * a pod is isolated for a direction only when a policy selecting it has that policy type; a
 * connection needs the source's egress and the destination's ingress to allow it. Names of
 * policies mean nothing here, only what they select and allow.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class NetworkModel {
  public static fromManifests(manifests: readonly ManifestObject[], options: NetworkOptions = {}): NetworkModel {
    return new NetworkModel(manifests, options);
  }

  /** Namespace of objects that set none. */
  public readonly defaultNamespace: string;
  /** Every workload's pods, in manifest order. */
  public readonly pods: readonly PodEndpoint[];
  /** Every valid `networking.k8s.io/v1` NetworkPolicy, in manifest order. */
  public readonly policies: readonly ParsedNetworkPolicy[];
  /** Policies Kubernetes would refuse (they do nothing), unknown fields, unsupported policy APIs. */
  public readonly problems: readonly NetworkProblem[];
  /** Outside actors that open connections to the set's pods. */
  public readonly sources: readonly ActorEndpoint[];
  /** Connections from each pod to outside actors that `flows()` checks. */
  public readonly egressProbes: readonly EgressProbe[];

  private readonly namespaceLabels = new Map<string, Labels>();
  private readonly podsByNamespace = new Map<string, PodEndpoint[]>();
  private readonly policiesByNamespace = new Map<string, ParsedNetworkPolicy[]>();
  /** Pods by their labels, per namespace; built on first use. */
  private readonly podIndexes = new Map<string, LabelIndex<PodEndpoint>>();
  /** Every pod by its labels, whatever its namespace; built on first use. */
  private podIndex?: LabelIndex<PodEndpoint>;
  /** Namespaces with pods, by their labels; built on first use. */
  private namespaceIndex?: LabelIndex<string>;
  private readonly selected = new Map<ParsedNetworkPolicy, readonly PodEndpoint[]>();
  private readonly selecting = new Map<PodEndpoint, ParsedNetworkPolicy[]>();
  private readonly ingressPolicies = new Map<PodEndpoint, ParsedNetworkPolicy[]>();
  private readonly egressPolicies = new Map<PodEndpoint, ParsedNetworkPolicy[]>();
  private readonly actorViews = new Map<Endpoint, PeerView>();
  /** Whether a rule admits an endpoint, computed once per pair (rules × endpoints). */
  private readonly admitted = new Map<PolicyRule, Map<Endpoint, boolean>>();
  private positions?: Map<PodEndpoint, number>;
  /** Which pods' egress may reach a pod at all (see egressMayReach). */
  private egressReach?: { readonly open: ReadonlySet<PodEndpoint>; readonly to: ReadonlyMap<PodEndpoint, ReadonlySet<PodEndpoint>> };

  private constructor(manifests: readonly ManifestObject[], options: NetworkOptions) {
    const namespaces = manifests.filter((m) => m.kind === 'Namespace' && m.apiVersion === 'v1');
    this.defaultNamespace = options.defaultNamespace ?? (namespaces.length === 1 ? namespaces[0].name : 'default');
    for (const namespace of namespaces) {
      this.namespaceLabels.set(namespace.name, { ...labelsOf(namespace.object.metadata?.labels), [NAMESPACE_NAME_LABEL]: namespace.name });
    }
    const defaults = options.sources && options.egressProbes ? undefined : clusterActors();
    this.sources = options.sources ?? defaults?.sources ?? [];
    this.egressProbes = options.egressProbes ?? defaults?.egressProbes ?? [];
    const pods: PodEndpoint[] = [];
    const policies: ParsedNetworkPolicy[] = [];
    const problems: NetworkProblem[] = [];
    for (const manifest of manifests) this.read(manifest, pods, policies, problems);
    this.pods = pods;
    this.policies = policies;
    this.problems = problems;
    for (const policy of policies) {
      appendTo(this.policiesByNamespace, policy.namespace, policy);
      this.select(policy);
    }
  }

  /** Namespaces of the set's pods, policies and Namespace objects, sorted. */
  public get namespaces(): string[] {
    const names = new Set([...this.namespaceLabels.keys(), ...this.podsByNamespace.keys(), ...this.policies.map((p) => p.namespace)]);
    return [...names].sort();
  }

  /** Labels of a namespace: from its Namespace object in the set, always with the automatic name label. */
  public labelsOfNamespace(namespace: string): Labels {
    return this.namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
  }

  /** The set's pods in a namespace, in manifest order. */
  public podsIn(namespace: string): readonly PodEndpoint[] {
    return this.podsByNamespace.get(namespace) ?? [];
  }

  /** The set's pods, in any namespace, whose labels the selector matches (manifest order). */
  public podsMatching(selector: LabelSelector): readonly PodEndpoint[] {
    this.podIndex ??= new LabelIndex(this.pods, (pod) => pod.labels);
    return this.podIndex.select(selector);
  }

  /** The valid policies of a namespace, in manifest order. */
  public policiesIn(namespace: string): readonly ParsedNetworkPolicy[] {
    return this.policiesByNamespace.get(namespace) ?? [];
  }

  /** The pods a policy applies to (empty: the policy does nothing, check C8). */
  public selectedPods(policy: ParsedNetworkPolicy): readonly PodEndpoint[] {
    return this.selected.get(policy) ?? [];
  }

  /** Every policy whose podSelector selects the pod, whatever its types. */
  public policiesSelecting(pod: PodEndpoint): readonly ParsedNetworkPolicy[] {
    return this.selecting.get(pod) ?? [];
  }

  /** True when some policy selecting the pod has `Ingress` in its (defaulted) policyTypes. */
  public isolatedForIngress(pod: PodEndpoint): boolean {
    return (this.ingressPolicies.get(pod) ?? []).length > 0;
  }

  /** True when some policy selecting the pod has `Egress` in its (defaulted) policyTypes. */
  public isolatedForEgress(pod: PodEndpoint): boolean {
    return (this.egressPolicies.get(pod) ?? []).length > 0;
  }

  /**
   * Can `from` open a connection to `to` on `port`? Both the source's egress (when it is a pod
   * of the set) and the destination's ingress (when it is a pod of the set) must allow it;
   * actors are not subject to this set's policies.
   */
  public allows(from: Endpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
    return this.egressAllows(from, to, port, protocol) && this.ingressAllows(from, to, port, protocol);
  }

  /**
   * Every allowed connection: to each pod, on each port it declares, from each other pod and
   * each source actor; then from each pod to each egress probe. Pods without declared ports
   * receive no listed flow; flows between pods of the same workload are not listed. Listed
   * destination by destination, port by port, sources in the order of `pods` then `sources`.
   * The work is proportional to the pairs the policies' peers can select (see FlowSources), not
   * to all pods × pods: a namespace whose policies admit only its own pods never looks at the
   * pods of other namespaces.
   */
  public flows(): Flow[] {
    const flows: Flow[] = [];
    const candidates = new FlowSources(this);
    for (const to of this.pods) {
      for (const { port, protocol, name } of distinctPorts(to.ports)) {
        const ingress = this.rulesAdmittingPort(this.ingressPolicies.get(to), 'ingress', port, protocol, to.ports);
        // Who may send, by egress, is often far fewer than whom the ingress rules admit (a
        // tier admits hundreds; each pod's egress names one peer): then start from those.
        const egressSide = ingress ? candidates.unisolated(to) : undefined;
        const fromEgress = egressSide !== undefined && egressSide.length <= EGRESS_SIDE_LIMIT;
        const sources = !ingress ? candidates.unisolated(to) : fromEgress ? egressSide : candidates.admittedBy(ingress);
        for (const from of sources) {
          if (from === to) continue;
          if (fromEgress && !ingress!.some(({ rule, namespace }) => this.ruleAdmits(rule, namespace, from))) continue;
          // A cheap look-up first: most candidates' egress cannot reach `to` at all.
          if (!this.egressMayReach(from, to) || !this.egressAllows(from, to, port, protocol)) continue;
          flows.push(name ? { from, to, port, protocol, portName: name } : { from, to, port, protocol });
        }
      }
    }
    for (const from of this.pods) {
      for (const { to, port, protocol = 'TCP' } of this.egressProbes) {
        const name = portsOf(to).find((p) => p.port === port && p.protocol === protocol)?.name;
        if (this.allows(from, to, port, protocol)) flows.push(name ? { from, to, port, protocol, portName: name } : { from, to, port, protocol });
      }
    }
    return flows;
  }

  /**
   * The set's pods that a rule's peers can select, in manifest order: a superset of those it
   * admits (the rule decides), found through the namespaces and labels the peers name.
   * `everyone` for a rule without peers.
   */
  public podsPeersMaySelect(rule: PolicyRule, policyNamespace: string): readonly PodEndpoint[] | 'everyone' {
    if (rule.peers.length === 0) return 'everyone';
    const found = new Set<PodEndpoint>();
    for (const peer of rule.peers) {
      // An ipBlock never matches a pod inside the cluster.
      if (peer.ipBlock) continue;
      const namespaces = peer.namespaceSelector ? this.namespacesSelectedBy(peer.namespaceSelector) : [policyNamespace];
      for (const namespace of namespaces) {
        const pods = peer.podSelector ? this.podsSelectedBy(namespace, peer.podSelector) : this.podsIn(namespace);
        for (const pod of pods) found.add(pod);
      }
    }
    return rule.peers.length === 1 && !rule.peers[0].namespaceSelector ? [...found] : this.inManifestOrder(found);
  }

  /**
   * False when no egress rule of `from` can select `to` whatever the port: a superset test,
   * built once from the pods each egress rule's peers may select, so that listing flows costs
   * the pairs the policies name instead of every ingress candidate × every egress rule.
   */
  private egressMayReach(from: Endpoint, to: PodEndpoint): boolean {
    if (from.type !== 'pod') return true;
    if (!this.egressReach) {
      const open = new Set<PodEndpoint>();
      const reach = new Map<PodEndpoint, Set<PodEndpoint>>();
      for (const pod of this.pods) {
        const policies = this.egressPolicies.get(pod);
        if (!policies) {
          open.add(pod);
          continue;
        }
        for (const policy of policies) {
          for (const rule of policy.egress) {
            const selectable = this.podsPeersMaySelect(rule, policy.namespace);
            if (selectable === 'everyone') open.add(pod);
            else for (const destination of selectable) appendToSet(reach, destination, pod);
          }
        }
      }
      this.egressReach = { open, to: reach };
    }
    return this.egressReach.open.has(from) || (this.egressReach.to.get(to)?.has(from) ?? false);
  }

  /** Whether a rule of a policy in `policyNamespace` admits the endpoint as its peer (cached per pair). */
  public ruleAdmits(rule: PolicyRule, policyNamespace: string, other: Endpoint): boolean {
    let byEndpoint = this.admitted.get(rule);
    if (!byEndpoint) this.admitted.set(rule, (byEndpoint = new Map()));
    let admitted = byEndpoint.get(other);
    if (admitted === undefined) {
      admitted = ruleAdmitsPeer(rule, policyNamespace, this.viewOf(other));
      byEndpoint.set(other, admitted);
    }
    return admitted;
  }

  /** The policies that isolate a pod for egress (undefined: its egress is open). */
  public egressPoliciesOf(pod: PodEndpoint): readonly ParsedNetworkPolicy[] | undefined {
    return this.egressPolicies.get(pod);
  }

  /** The position of each pod in `pods`. */
  public podPositions(): ReadonlyMap<PodEndpoint, number> {
    this.positions ??= new Map(this.pods.map((pod, index) => [pod, index]));
    return this.positions;
  }

  private inManifestOrder(pods: Iterable<PodEndpoint>): PodEndpoint[] {
    const positions = this.podPositions();
    return [...pods].sort((a, b) => positions.get(a)! - positions.get(b)!);
  }

  /** The namespaces with pods whose labels (automatic name label included) the selector matches. */
  private namespacesSelectedBy(selector: LabelSelector): readonly string[] {
    this.namespaceIndex ??= new LabelIndex([...this.podsByNamespace.keys()], (namespace) => this.labelsOfNamespace(namespace));
    return this.namespaceIndex.select(selector);
  }

  private podsSelectedBy(namespace: string, selector: LabelSelector): readonly PodEndpoint[] {
    const pods = this.podsIn(namespace);
    // Testing a few dozen pods costs less than indexing them, and stays bounded per selector.
    if (pods.length <= INDEX_FROM_PODS) return pods.filter((pod) => selector.matches(pod.labels));
    let index = this.podIndexes.get(namespace);
    if (!index) this.podIndexes.set(namespace, (index = new LabelIndex(pods, (pod) => pod.labels)));
    return index.select(selector);
  }

  private read(manifest: ManifestObject, pods: PodEndpoint[], policies: ParsedNetworkPolicy[], problems: NetworkProblem[]): void {
    const namespace = manifest.namespace ?? this.defaultNamespace;
    if (isWorkload(manifest)) {
      const pod = podEndpointOf(manifest, namespace, this.labelsOfNamespace(namespace), problems);
      if (!pod) return;
      pods.push(pod);
      appendTo(this.podsByNamespace, namespace, pod);
    } else if (isNetworkPolicy(manifest)) {
      try {
        policies.push(parseNetworkPolicy(manifest, namespace, problems));
      } catch (error) {
        if (!(error instanceof InvalidPolicyError)) throw error;
        problems.push({ manifest, message: `${locationOf(manifest)}: NetworkPolicy/${manifest.name} would be refused by Kubernetes, so it isolates and allows nothing: ${error.message}` });
      }
    } else if (/NetworkPolicy$/.test(manifest.kind)) {
      problems.push({ manifest, message: `${locationOf(manifest)}: ${manifest.apiVersion} ${manifest.kind}/${manifest.name} is not a ${NETWORK_POLICY_API_VERSION} NetworkPolicy; its rules are not evaluated.` });
    }
  }

  private select(policy: ParsedNetworkPolicy): void {
    const pods = this.podsSelectedBy(policy.namespace, policy.podSelector);
    this.selected.set(policy, pods);
    for (const pod of pods) {
      appendTo(this.selecting, pod, policy);
      if (policy.isolatesIngress) appendTo(this.ingressPolicies, pod, policy);
      if (policy.isolatesEgress) appendTo(this.egressPolicies, pod, policy);
    }
  }

  private egressAllows(from: Endpoint, to: Endpoint, port: number, protocol: string): boolean {
    if (from.type !== 'pod') return true;
    return this.someRuleAdmits(this.egressPolicies.get(from), 'egress', port, protocol, portsOf(to), to);
  }

  private ingressAllows(from: Endpoint, to: Endpoint, port: number, protocol: string): boolean {
    if (to.type !== 'pod') return true;
    return this.someRuleAdmits(this.ingressPolicies.get(to), 'ingress', port, protocol, to.ports, from);
  }

  /**
   * True when no policy isolates (all allowed), or a rule of one admits the port and the peer:
   * rulesAdmittingPort's answer without building its list (the checks ask this for every pair).
   */
  private someRuleAdmits(
    policies: readonly ParsedNetworkPolicy[] | undefined,
    direction: 'ingress' | 'egress',
    port: number,
    protocol: string,
    destinationPorts: readonly DeclaredPort[],
    peer: Endpoint,
  ): boolean {
    if (!policies) return true;
    for (const policy of policies) {
      for (const rule of policy[direction]) {
        if (ruleAdmitsPort(rule, port, protocol, destinationPorts) && this.ruleAdmits(rule, policy.namespace, peer)) return true;
      }
    }
    return false;
  }

  /** The rules of isolating policies that admit the port; `undefined` when none isolates (all allowed). */
  private rulesAdmittingPort(
    policies: readonly ParsedNetworkPolicy[] | undefined,
    direction: 'ingress' | 'egress',
    port: number,
    protocol: string,
    destinationPorts: readonly DeclaredPort[],
  ): Array<{ rule: PolicyRule; namespace: string }> | undefined {
    if (!policies) return undefined;
    const rules: Array<{ rule: PolicyRule; namespace: string }> = [];
    for (const policy of policies) {
      for (const rule of policy[direction]) {
        if (ruleAdmitsPort(rule, port, protocol, destinationPorts)) rules.push({ rule, namespace: policy.namespace });
      }
    }
    return rules;
  }

  /** Pods carry their namespace labels; an in-cluster actor gets them from the set or its own. */
  private viewOf(endpoint: Endpoint): PeerView {
    if (endpoint.type === 'pod' || endpoint.namespace === undefined) return endpoint;
    let view = this.actorViews.get(endpoint);
    if (!view) {
      const base = endpoint.namespaceLabels ?? this.labelsOfNamespace(endpoint.namespace);
      view = { ...endpoint, namespaceLabels: { ...base, [NAMESPACE_NAME_LABEL]: endpoint.namespace } };
      this.actorViews.set(endpoint, view);
    }
    return view;
  }
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function portsOf(endpoint: Endpoint): readonly DeclaredPort[] {
  return endpoint.ports ?? [];
}

/** One entry per port number and protocol (two containers may declare the same one). */
function distinctPorts(ports: readonly DeclaredPort[]): DeclaredPort[] {
  const seen = new Set<string>();
  return ports.filter(({ port, protocol }) => {
    const key = `${port}/${protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Up to this many egress-side candidates, flows() tries them instead of the ingress side's. */
const EGRESS_SIDE_LIMIT = 64;

function appendToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
