import { clientPort, componentsWithRole, componentWords, ROLES, STATEFUL_ROLES, type WorkloadRole } from '../../components/catalogue';
import type { ManifestObject } from '../../manifests/manifest-object';
import type { ClusterActors } from '../../network/actors';
import { NAMESPACE_NAME_LABEL, type DeclaredPort, type Endpoint, type PodEndpoint } from '../../network/endpoints';
import type { NetworkModel } from '../../network/network-model';
import { ruleAdmitsPeer, ruleAdmitsPort, type ParsedNetworkPolicy, type PeerView, type PolicyPeer } from '../../network/network-policy';
import { selectsNoPod } from '../../network/policy-meaning';
import type { ReviewContext } from '../context';
import { ListsByKey } from '../lists-by-key';
import { textOf } from '../text';
import { isMap } from '../values';
import type { Workload } from '../workloads';
import { endpointText, policyRef, policySelectorText, rulePeersText, rulePortsText, selectorTypo } from './networking-words';

/**
 * What the networking checks (group C) read about a manifest set, found once per review: the
 * NetworkPolicy evaluation, the cluster's actors, the role of each pod, the ports that matter,
 * and why a connection is blocked. Everything is judged by what the policies select and allow.
 */

/** The roles whose pods keep state; C7 keeps them closed to everyone but the app and exporters. */
export { STATEFUL_ROLES };

/** The app's traffic port (the only app port anything outside the namespace may reach). */
export const APP_HTTP_PORT = 8081;
/** The management port: probes only, never reachable from outside the namespace. */
export const MGMT_PORT = 8082;

/** One ingress rule of a policy, by index in `spec.ingress`. */
export interface RuleRef {
  readonly policy: ParsedNetworkPolicy;
  readonly rule: number;
}

/**
 * What the networking checks read about a review, gathered once by the ReviewContext (after its
 * workloads, roles and network model) and read-only afterwards.
 */
export class NetworkFacts {
  public readonly model: NetworkModel;
  /** `Traefik (kube-system)`: the ingress controller as creators know it. */
  public readonly controllerName: string;
  /** `the metrics scraper (platform-vibe-observability)`. */
  public readonly scraperName: string;
  private readonly workloads = new Map<ManifestObject, Workload>();
  private readonly services = new ListsByKey<ManifestObject>();

  /** Called by the ReviewContext constructor, once its workloads, roles and network model are gathered. */
  public constructor(
    private readonly context: ReviewContext,
    public readonly actors: ClusterActors,
  ) {
    this.model = context.networkModel;
    for (const workload of context.workloads()) this.workloads.set(workload.manifest, workload);
    for (const service of context.ofKind('Service')) this.services.add([this.namespaceOf(service), service.name], service);
    const className = context.cluster.ingressClassName;
    this.controllerName = `${className.charAt(0).toUpperCase()}${className.slice(1)} (${context.cluster.ingressController.namespace})`;
    this.scraperName = `the metrics scraper (${context.cluster.observabilityNamespace})`;
  }

  /** `Deployment shop-app`, `Traefik (kube-system)`, `the metrics scraper (…)`, `the internet (203.0.113.10)`. */
  public nameOf(endpoint: Endpoint): string {
    if (endpoint.type === 'actor' && endpoint.id === this.actors.ingressController.id) return this.controllerName;
    if (endpoint.type === 'actor' && endpoint.id === this.actors.observability.id) return this.scraperName;
    return endpointText(endpoint);
  }

  /** The namespace an object lands in, as the evaluator reads it. */
  public namespaceOf(manifest: ManifestObject): string {
    return manifest.namespace ?? this.model.defaultNamespace;
  }

  /** The first Service of the set with this name in the namespace (as the evaluator reads namespaces). */
  public serviceNamed(name: string, namespace: string): ManifestObject | undefined {
    return this.services.get([namespace, name])[0];
  }

  public workloadOf(pod: PodEndpoint): Workload | undefined {
    return this.workloads.get(pod.manifest);
  }

  public roleOf(pod: PodEndpoint): WorkloadRole {
    const workload = this.workloadOf(pod);
    return workload ? this.context.roleOf(workload) : 'app';
  }

  /** How messages name a stateful pod's component (`the database`, `MySQL`); undefined for other pods. */
  public wordsFor(pod: PodEndpoint): string | undefined {
    const role = this.roleOf(pod);
    if (!ROLES[role].stateful) return undefined;
    const workload = this.workloadOf(pod);
    return componentWords(role, workload ? this.context.componentOf(workload) : undefined);
  }

  public isStateful(pod: PodEndpoint): boolean {
    return STATEFUL_ROLES.includes(this.roleOf(pod));
  }

  /** Pods of the set with one of the roles, in manifest order; in one namespace when given. */
  public podsWithRole(roles: readonly WorkloadRole[], namespace?: string): PodEndpoint[] {
    const pods = namespace === undefined ? this.model.pods : this.model.podsIn(namespace);
    return pods.filter((pod) => roles.includes(this.roleOf(pod)));
  }

  /**
   * "The app" of a namespace: the app-role pods that declare the traffic port 8081, else every
   * app-role pod (a hand-written set may not follow the port contract; B1 reports that).
   */
  public theApp(namespace: string): PodEndpoint[] {
    const apps = this.podsWithRole(['app'], namespace);
    const serving = apps.filter((pod) => declares(pod, APP_HTTP_PORT));
    return serving.length > 0 ? serving : apps;
  }

  /**
   * The port a stateful component serves its clients on: its catalogue port (the port of any
   * component of its role, when its image reveals none) when declared, else the first port it
   * declares, else the catalogue's.
   */
  public componentPort(pod: PodEndpoint): { readonly port: number; readonly protocol: string } {
    const workload = this.workloadOf(pod);
    const component = workload ? this.context.componentOf(workload) : undefined;
    const candidates = component ? [component] : componentsWithRole(this.roleOf(pod));
    const known = candidates.filter((c) => c.ports.length > 0).map((c) => clientPort(c).port);
    const tcp = pod.ports.filter((p) => p.protocol === 'TCP');
    const declared = tcp.find((p) => known.includes(p.port)) ?? tcp[0];
    return { port: declared?.port ?? known[0] ?? 0, protocol: 'TCP' };
  }

  /**
   * The scrape annotations of a pod template: `scraped` when `prometheus.io/scrape` is "true",
   * and the port of `prometheus.io/port` when it is a port number.
   */
  public scrapeOf(pod: PodEndpoint): { readonly scraped: boolean; readonly port?: number } {
    const annotations = this.workloadOf(pod)?.podMetadata.annotations;
    if (!isMap(annotations)) return { scraped: false };
    const scraped = textOf(annotations['prometheus.io/scrape']).trim() === 'true';
    const written = textOf(annotations['prometheus.io/port'] ?? '').trim();
    const port = /^\d{1,5}$/.test(written) && Number(written) >= 1 && Number(written) <= 65535 ? Number(written) : undefined;
    return port === undefined ? { scraped } : { scraped, port };
  }

  /** The ingress rules (of policies isolating `to`) that let `from` in on the port. */
  public admittingRules(from: Endpoint, to: PodEndpoint, port: number, protocol = 'TCP'): RuleRef[] {
    const refs: RuleRef[] = [];
    for (const policy of this.model.policiesSelecting(to)) {
      if (!policy.isolatesIngress) continue;
      policy.ingress.forEach((rule, index) => {
        const admits = ruleAdmitsPort(rule, port, protocol, to.ports) && ruleAdmitsPeer(rule, policy.namespace, this.viewOf(from));
        if (admits) refs.push({ policy, rule: index });
      });
    }
    return refs;
  }

  /**
   * Why `from` cannot open a connection to `to` on the port, in a few hints: a policy that would
   * let it in but selects no pod (with the likely typo), a rule that names other peers or other
   * ports, or the source's own restricted egress.
   */
  public whyBlocked(from: Endpoint, to: PodEndpoint, port: number, protocol = 'TCP'): string[] {
    const hints: string[] = [];
    const view = this.viewOf(from);
    const ingressOpen = !this.model.isolatedForIngress(to) || this.admittingRules(from, to, port, protocol).length > 0;
    if (!ingressOpen) {
      for (const policy of this.model.policiesIn(to.namespace)) {
        if (!policy.isolatesIngress || !selectsNoPod(this.model, policy)) continue;
        if (!policy.ingress.some((rule) => ruleAdmitsPort(rule, port, protocol, to.ports) && ruleAdmitsPeer(rule, policy.namespace, view))) continue;
        const typo = selectorTypo(policy.manifest.object.spec?.podSelector, this.model.podsIn(policy.namespace));
        hints.push(`${policyRef(policy)} would let it in but selects no pod (${policySelectorText(policy)}${typo ? ` — did you mean ${typo}?` : ''})`);
      }
      for (const policy of this.model.policiesSelecting(to)) {
        if (!policy.isolatesIngress) continue;
        policy.ingress.forEach((rule, index) => {
          const portOk = ruleAdmitsPort(rule, port, protocol, to.ports);
          const peerOk = ruleAdmitsPeer(rule, policy.namespace, view);
          if (portOk && !peerOk) {
            const typo = this.peerTypo(policy, index, from);
            // Only rules meant for this source: a typo in its labels, its namespace named with other pods, or addresses.
            const addresses = view.namespace !== undefined && rule.peers.some((peer) => peer.ipBlock !== undefined);
            if (!typo && !addresses && !rule.peers.some((peer) => namespacePartAdmits(peer, policy.namespace, view))) return;
            const why = typo ? ` — did you mean ${typo}?` : addresses ? ' (an ipBlock never matches pods inside the cluster)' : '';
            hints.push(`${policyRef(policy)} lets port ${port} in only from ${rulePeersText(policy, index)}${why}`);
          } else if (peerOk && !portOk) {
            hints.push(`${policyRef(policy)} lets ${this.nameOf(from)} in only on ${rulePortsText(policy, index)}`);
          }
        });
      }
    }
    if (from.type === 'pod' && this.model.isolatedForEgress(from) && !this.egressAdmits(from, to, port, protocol)) {
      hints.push(`the egress policies of ${this.nameOf(from)} do not let it out to ${this.nameOf(to)} on port ${port} (add an egress allow as well)`);
    }
    return hints.slice(0, 3);
  }

  /** The peer of an ingress rule, as the evaluator matches it: pods carry their namespace labels. */
  private viewOf(endpoint: Endpoint): PeerView {
    if (endpoint.type === 'pod' || endpoint.namespace === undefined) return endpoint;
    const base = endpoint.namespaceLabels ?? this.model.labelsOfNamespace(endpoint.namespace);
    return { ...endpoint, namespaceLabels: { ...base, [NAMESPACE_NAME_LABEL]: endpoint.namespace } };
  }

  private egressAdmits(from: PodEndpoint, to: PodEndpoint, port: number, protocol: string): boolean {
    return this.model
      .policiesSelecting(from)
      .filter((policy) => policy.isolatesEgress)
      .some((policy) => policy.egress.some((rule) => ruleAdmitsPort(rule, port, protocol, to.ports) && ruleAdmitsPeer(rule, policy.namespace, to)));
  }

  /** A close miss between a rule's podSelector and the source's labels (`app: shop-nginx` for `app: shop-ngnix`). */
  private peerTypo(policy: ParsedNetworkPolicy, ruleIndex: number, from: Endpoint): string | undefined {
    const rule = policy.manifest.object.spec?.ingress?.[ruleIndex];
    const peers: unknown[] = Array.isArray(rule?.from) ? rule.from : [];
    const source = { labels: from.labels ?? {}, kind: from.type === 'pod' ? from.kind : 'actor', name: from.type === 'pod' ? from.name : from.title };
    for (const peer of peers) {
      const typo = selectorTypo((peer as Record<string, unknown> | null)?.podSelector, [source]);
      if (typo) return typo.replace(/ \(.*\)$/, '');
    }
    return undefined;
  }

}

/** True when a peer names the source's namespace (or is a same-namespace podSelector for a pod there), whatever its pod labels. */
function namespacePartAdmits(peer: PolicyPeer, policyNamespace: string, source: PeerView): boolean {
  if (peer.ipBlock || source.namespace === undefined) return false;
  return peer.namespaceSelector ? peer.namespaceSelector.matches(source.namespaceLabels ?? {}) : source.namespace === policyNamespace;
}

/** True when the pod declares the TCP port. */
export function declares(pod: PodEndpoint, port: number, protocol = 'TCP'): boolean {
  return pod.ports.some((p: DeclaredPort) => p.port === port && p.protocol === protocol);
}
