import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import type { WorkloadComponent } from '../contract/app-model';
import { MANIFEST_FILES } from '../contract/files';
import type { IntendedEgress, IntendedFlow } from '../contract/intended-flows';
import * as k8s from '../imports/k8s';

export interface NetworkPoliciesChartProps extends VibeChartProps {
  /** Every flow the app needs; each becomes one minimal allow. */
  readonly flows: readonly IntendedFlow[];
  /**
   * With restricted egress: the outgoing side of the flows, DNS and the allow-list.
   * @default [] (egress left open)
   */
  readonly egress?: readonly IntendedEgress[];
}

/**
 * `01-network-policies.yaml`: `default-deny-ingress` first, then exactly one allow per intended
 * flow, selecting pods by the labels the workloads really carry and ports by number. Anything
 * not listed is dropped.
 */
export class NetworkPoliciesChart extends VibeChart {
  constructor(scope: Construct, props: NetworkPoliciesChartProps) {
    super(scope, MANIFEST_FILES.networkPolicies, props);
    const { model } = this;

    const deny = new k8s.KubeNetworkPolicy(this, 'default-deny-ingress', {
      metadata: this.metadata('default-deny-ingress'),
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });

    let previous: k8s.KubeNetworkPolicy = deny;
    for (const flow of props.flows) {
      const policy = new k8s.KubeNetworkPolicy(this, flow.policyName, {
        metadata: this.metadata(flow.policyName),
        spec: {
          podSelector: { matchLabels: model.selector(flow.to) },
          policyTypes: ['Ingress'],
          ingress: [{ from: [this.peer(flow)], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(flow.port) }] }],
        },
      });
      // Keeps the file in flow order, the deny first (cdk8s orders objects by dependency).
      policy.node.addDependency(previous);
      previous = policy;
    }

    if (!props.egress?.length) return;
    const denyEgress = new k8s.KubeNetworkPolicy(this, 'default-deny-egress', {
      metadata: this.metadata('default-deny-egress'),
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    });
    denyEgress.node.addDependency(previous);
    previous = denyEgress;
    for (const egress of props.egress) {
      const policy = new k8s.KubeNetworkPolicy(this, egress.policyName, {
        metadata: this.metadata(egress.policyName),
        spec: {
          podSelector: egress.from ? { matchLabels: model.selector(egress.from) } : {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [this.egressPeer(egress)],
              ports: egress.ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) })),
            },
          ],
        },
      });
      policy.node.addDependency(previous);
      previous = policy;
    }
  }

  private egressPeer(egress: IntendedEgress): k8s.NetworkPolicyPeer {
    const { cluster } = this.model;
    switch (egress.to.kind) {
      case 'dns':
        return {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': cluster.dns.namespace } },
          podSelector: { matchLabels: { ...cluster.dns.podLabels } },
        };
      case 'namespace':
        return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': egress.to.namespace } } };
      case 'workload':
        return { podSelector: { matchLabels: this.model.selector(egress.to.component) } };
      case 'cidr':
        return { ipBlock: { cidr: egress.to.cidr } };
    }
  }

  private peer(flow: IntendedFlow): k8s.NetworkPolicyPeer {
    const { cluster } = this.model;
    switch (flow.from.kind) {
      case 'ingress-controller':
        return {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': cluster.ingressController.namespace } },
          podSelector: { matchLabels: { ...cluster.ingressController.podLabels } },
        };
      case 'observability':
        return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': cluster.observabilityNamespace } } };
      case 'workload':
        return { podSelector: { matchLabels: this.model.selector(flow.from.component as WorkloadComponent) } };
    }
  }
}
