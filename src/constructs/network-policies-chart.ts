import type { Construct } from 'constructs';
import type { WorkloadComponent } from '../contract/app-model';
import { MANIFEST_FILES } from '../contract/files';
import * as k8s from '../imports/k8s';
import type { IntendedFlow } from '../contract/intended-flows';
import { VibeChart, type VibeChartProps } from './vibe-chart';

export interface NetworkPoliciesChartProps extends VibeChartProps {
  /** Every flow the app needs; each becomes one minimal allow. */
  readonly flows: readonly IntendedFlow[];
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
