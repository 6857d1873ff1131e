import type { Endpoint, PodEndpoint } from './endpoints';
import type { NetworkModel } from './network-model';
import type { PolicyRule } from './network-policy';

/** A rule of a policy, with the namespace its peers are read in (the policy's). */
export interface NamespacedRule {
  readonly rule: PolicyRule;
  readonly namespace: string;
}

/**
 * The sources `NetworkModel.flows()` has to try for one destination port, in the order flows
 * are listed (the set's pods in manifest order, then the outside actors). They are found from
 * what the policies' peers select, not by trying every source:
 * - for a pod isolated for ingress: the sources its admitting rules admit, each rule's list
 *   found once;
 * - for a pod that is not: every source whose egress is open, the pods with an egress rule
 *   open to everyone, and the pods whose egress rules may select this one.
 * Each source returned still has to pass the egress check; none left out could have.
 */
export class FlowSources {
  private readonly all: readonly Endpoint[];
  private readonly admittedByRule = new Map<PolicyRule, readonly number[] | 'everyone'>();
  private egress?: { readonly alwaysTried: readonly number[]; readonly reachers: ReadonlyMap<PodEndpoint, readonly number[]> };

  constructor(private readonly model: NetworkModel) {
    this.all = [...model.pods, ...model.sources];
  }

  /** The sources admitted by at least one of the rules (those that admit the destination port). */
  public admittedBy(rules: readonly NamespacedRule[]): readonly Endpoint[] {
    const lists: (readonly number[])[] = [];
    for (const { rule, namespace } of rules) {
      const admitted = this.admitted(rule, namespace);
      if (admitted === 'everyone') return this.all;
      lists.push(admitted);
    }
    return unionInOrder(lists).map((position) => this.all[position]);
  }

  /** The sources that may open a connection to a pod no ingress policy isolates. */
  public unisolated(to: PodEndpoint): readonly Endpoint[] {
    const { alwaysTried, reachers } = (this.egress ??= this.egressIndex());
    return unionInOrder([alwaysTried, reachers.get(to) ?? []]).map((position) => this.all[position]);
  }

  /** Positions (in pods, then actors) of the sources a rule admits, or `everyone` for a rule without peers. */
  private admitted(rule: PolicyRule, namespace: string): readonly number[] | 'everyone' {
    let admitted = this.admittedByRule.get(rule);
    if (admitted === undefined) {
      const pods = this.model.podsPeersMaySelect(rule, namespace);
      if (pods === 'everyone') {
        admitted = 'everyone';
      } else {
        const positions = this.model.podPositions();
        const found = pods.filter((pod) => this.model.ruleAdmits(rule, namespace, pod)).map((pod) => positions.get(pod)!);
        this.model.sources.forEach((actor, index) => {
          if (this.model.ruleAdmits(rule, namespace, actor)) found.push(this.model.pods.length + index);
        });
        admitted = found;
      }
      this.admittedByRule.set(rule, admitted);
    }
    return admitted;
  }

  /**
   * Who may send to a pod without ingress isolation, by egress: sources tried for every such pod
   * (actors, pods with open egress or an egress rule without peers), and per destination the
   * egress-isolated pods one of whose egress rules admits it.
   */
  private egressIndex(): { alwaysTried: number[]; reachers: Map<PodEndpoint, number[]> } {
    const { model } = this;
    const positions = model.podPositions();
    const everywhere = new Set<PodEndpoint>();
    const reaching = new Map<PodEndpoint, Set<number>>();
    for (const policy of model.policies) {
      if (!policy.isolatesEgress) continue;
      const senders = model.selectedPods(policy);
      for (const rule of policy.egress) {
        const destinations = model.podsPeersMaySelect(rule, policy.namespace);
        if (destinations === 'everyone') {
          for (const sender of senders) everywhere.add(sender);
          continue;
        }
        for (const destination of destinations) {
          if (!model.ruleAdmits(rule, policy.namespace, destination)) continue;
          let set = reaching.get(destination);
          if (!set) reaching.set(destination, (set = new Set()));
          for (const sender of senders) set.add(positions.get(sender)!);
        }
      }
    }
    const alwaysTried: number[] = [];
    model.pods.forEach((pod, index) => {
      if (!model.egressPoliciesOf(pod) || everywhere.has(pod)) alwaysTried.push(index);
    });
    model.sources.forEach((_, index) => alwaysTried.push(model.pods.length + index));
    const reachers = new Map<PodEndpoint, number[]>();
    for (const [destination, senders] of reaching) reachers.set(destination, [...senders].sort((a, b) => a - b));
    return { alwaysTried, reachers };
  }
}

/** The positions in any of the ascending lists, once each, ascending. */
function unionInOrder(lists: readonly (readonly number[])[]): readonly number[] {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return nonEmpty[0];
  const merged = nonEmpty.flat().sort((a, b) => a - b);
  return merged.filter((position, index) => index === 0 || position !== merged[index - 1]);
}
