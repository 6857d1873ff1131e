import { NAMESPACE_NAME_LABEL } from './endpoints';
import type { NetworkModel } from './network-model';
import type { ParsedNetworkPolicy, PolicyPeer, PolicyPort } from './network-policy';

/**
 * What a policy means, for the review checks, judged by what it selects and allows, never by
 * its name: a default-deny called "foo" is still one, an "allow" with a typo allows nothing.
 */

/** A namespace no policy names and a pod with no labels: who "anyone else" is. */
const UNRELATED_NAMESPACE_LABELS = { [NAMESPACE_NAME_LABEL]: 'vibe-env-unrelated-namespace' };
const ARBITRARY_POD_LABELS = {};

/**
 * True when the policy selects every pod of its namespace, present and future: its selector
 * matches a pod without labels and every pod of the namespace in the set (`{}` does).
 */
export function selectsEveryPod(model: NetworkModel, policy: ParsedNetworkPolicy): boolean {
  return policy.podSelector.matches(ARBITRARY_POD_LABELS) && model.podsIn(policy.namespace).every((pod) => policy.podSelector.matches(pod.labels));
}

/** C1: selects every pod, has `Ingress` in its (defaulted) types and no ingress rule at all. */
export function isDefaultDenyIngress(model: NetworkModel, policy: ParsedNetworkPolicy): boolean {
  return policy.isolatesIngress && policy.ingress.length === 0 && selectsEveryPod(model, policy);
}

/** C1 for a namespace (the set's default namespace unless given). */
export function hasDefaultDenyIngress(model: NetworkModel, namespace = model.defaultNamespace): boolean {
  return model.policiesIn(namespace).some((policy) => isDefaultDenyIngress(model, policy));
}

/** C8: a policy that selects no pod of the set does nothing (often a label typo). */
export function selectsNoPod(model: NetworkModel, policy: ParsedNetworkPolicy): boolean {
  return model.selectedPods(policy).length === 0;
}

/** A rule that lets anyone in (ingress) or out (egress). */
export interface EverywhereRule {
  readonly policy: ParsedNetworkPolicy;
  readonly direction: 'ingress' | 'egress';
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly rule: number;
  /** Index in `from` / `to`; absent when the rule lists no peers at all. */
  readonly peer?: number;
  /** The ports the rule is limited to (empty: all). */
  readonly ports: readonly PolicyPort[];
  /** Why it counts, in plain words. */
  readonly reason: string;
}

/**
 * C7: the rules of a policy that allow from (or to) everywhere: no `from`/`to` at all, a peer
 * that admits a pod with arbitrary labels in an unrelated namespace (`namespaceSelector: {}`,
 * alone or with `podSelector: {}`), or an ipBlock spanning a whole address family
 * (`0.0.0.0/0`, `::/0`, with or without `except`). Only directions the policy isolates count.
 */
export function everywhereRules(policy: ParsedNetworkPolicy): EverywhereRule[] {
  const found: EverywhereRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const isolates = direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress;
    if (!isolates) continue;
    const side = direction === 'ingress' ? 'from' : 'to';
    policy[direction].forEach(({ peers, ports }, rule) => {
      if (peers.length === 0) {
        found.push({ policy, direction, rule, ports, reason: `the rule has no "${side}", so it applies to every pod, namespace and address` });
        return;
      }
      peers.forEach((peer, index) => {
        const reason = everywhereReason(peer);
        if (reason) found.push({ policy, direction, rule, peer: index, ports, reason });
      });
    });
  }
  return found;
}

function everywhereReason(peer: PolicyPeer): string | undefined {
  if (peer.ipBlock) return peer.ipBlock.coversEverything ? 'the ipBlock spans every address' : undefined;
  const anyNamespace = peer.namespaceSelector?.matches(UNRELATED_NAMESPACE_LABELS) ?? false;
  const anyPod = !peer.podSelector || peer.podSelector.matches(ARBITRARY_POD_LABELS);
  return anyNamespace && anyPod ? 'the peer matches any pod in any namespace' : undefined;
}
