import type { AppModel, WorkloadComponent } from './app-model';
import { PORTS } from './ports';
import type { StatefulComponent } from '../components/stateful-component';

/** Who starts a connection: an actor outside the namespace, or one of the app's workloads. */
export type FlowSource =
  | { readonly kind: 'ingress-controller' }
  | { readonly kind: 'observability' }
  | { readonly kind: 'workload'; readonly component: WorkloadComponent };

/** A connection the platform means to allow, and the policy that allows it. */
export interface IntendedFlow {
  /** The NetworkPolicy of 01-network-policies that allows it. */
  readonly policyName: string;
  /** Who connects: a workload of the app, the ingress controller, or the observability namespace. */
  readonly from: FlowSource;
  /** The workload connected to. */
  readonly to: WorkloadComponent;
  /** The TCP port connected to. */
  readonly port: number;
  /** Why the flow exists, in a few words (README, graph). */
  readonly purpose: string;
}

const workload = (component: WorkloadComponent): FlowSource => ({ kind: 'workload', component });

/**
 * Every flow an app with these components needs, and nothing more: the ingress controller to
 * the Ingress backend, nginx to the app, the scraper to each scraped port, the app to each
 * stateful component, each exporter to its target. The policies (01) and the proof that they
 * allow exactly this set (the evaluator) both start from here.
 */
export function intendedFlows(model: AppModel, components: readonly StatefulComponent[]): IntendedFlow[] {
  const flows: IntendedFlow[] = [];
  if (model.answers.ingress.enabled) {
    const backend: [WorkloadComponent, number] = model.nginxEnabled ? ['nginx', PORTS.nginx] : ['app', PORTS.http];
    flows.push({ policyName: 'allow-ingress-controller', from: { kind: 'ingress-controller' }, to: backend[0], port: backend[1], purpose: 'public traffic' });
  }
  if (model.nginxEnabled) {
    flows.push({ policyName: 'allow-nginx-to-app', from: workload('nginx'), to: 'app', port: PORTS.http, purpose: 'reverse proxy' });
  }
  flows.push({ policyName: 'allow-metrics-scrape-app', from: { kind: 'observability' }, to: 'app', port: PORTS.http, purpose: 'metrics scrape' });
  for (const component of components) {
    flows.push({
      policyName: `allow-app-to-${component.component}`,
      from: workload('app'),
      to: component.component,
      port: component.port,
      purpose: component.component,
    });
    if (component.metricsPort) {
      flows.push({
        policyName: `allow-metrics-scrape-${component.component}`,
        from: { kind: 'observability' },
        to: component.component,
        port: component.metricsPort,
        purpose: 'metrics scrape',
      });
    }
    const exporter = component.exporter;
    if (exporter) {
      flows.push({
        policyName: `allow-${exporter.component}-to-${component.component}`,
        from: workload(exporter.component),
        to: component.component,
        port: component.port,
        purpose: 'exporter reads its target',
      });
      flows.push({
        policyName: `allow-metrics-scrape-${exporter.component}`,
        from: { kind: 'observability' },
        to: exporter.component,
        port: exporter.port,
        purpose: 'metrics scrape',
      });
    }
  }
  return flows;
}

/** Where restricted egress may go besides the app's own workloads. */
export type EgressDestination =
  | { readonly kind: 'workload'; readonly component: WorkloadComponent }
  | { readonly kind: 'dns' }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'cidr'; readonly cidr: string };

/** An outgoing connection allowed when `network.egress` is `restricted`. */
export interface IntendedEgress {
  /** The NetworkPolicy of 01-network-policies that allows it. */
  readonly policyName: string;
  /** The workload that connects out; `undefined` means every pod of the namespace. */
  readonly from: WorkloadComponent | undefined;
  /** Where to: the cluster DNS, the OTEL collector, or addresses outside the cluster. */
  readonly to: EgressDestination;
  /** The ports it may open there. */
  readonly ports: readonly { readonly port: number; readonly protocol: 'TCP' | 'UDP' }[];
  /** Why the connection exists, in a few words (README, graph). */
  readonly purpose: string;
}

export const DNS_PORT = 53;

/**
 * Where the OTEL endpoint is inside the cluster: the namespace of a
 * `<service>.<namespace>.svc[...]` host (else the observability namespace) and the URL's port
 * (else the scheme's, 80 or 443, as the SDKs read the URL).
 */
export function otelTarget(endpoint: string, observabilityNamespace: string): { namespace: string; port: number } {
  const url = new URL(endpoint);
  const labels = url.hostname.split('.');
  const namespace = labels.length >= 3 && labels[2] === 'svc' ? labels[1] : observabilityNamespace;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { namespace, port };
}

/**
 * With `network.egress: restricted`, the egress side of every flow: DNS for every pod, each
 * in-namespace flow from its source, the OTEL endpoint for the app, and the creator's own
 * allow-list. With `open` egress, nothing (the cluster's own wall blocks the internet).
 */
export function intendedEgress(model: AppModel, flows: readonly IntendedFlow[]): IntendedEgress[] {
  const { network } = model.answers;
  if (network.egress !== 'restricted') return [];
  const egress: IntendedEgress[] = [
    {
      policyName: 'allow-egress-dns',
      from: undefined,
      to: { kind: 'dns' },
      ports: [
        { port: DNS_PORT, protocol: 'UDP' },
        { port: DNS_PORT, protocol: 'TCP' },
      ],
      purpose: 'name lookups',
    },
  ];
  for (const flow of flows) {
    if (flow.from.kind !== 'workload') continue;
    egress.push({
      policyName: `allow-egress-${flow.from.component}-to-${flow.to}`,
      from: flow.from.component,
      to: { kind: 'workload', component: flow.to },
      ports: [{ port: flow.port, protocol: 'TCP' }],
      purpose: flow.purpose,
    });
  }
  const otel = otelTarget(model.cluster.otelEndpoint, model.cluster.observabilityNamespace);
  egress.push({
    policyName: 'allow-egress-app-to-otel',
    from: 'app',
    to: { kind: 'namespace', namespace: otel.namespace },
    ports: [{ port: otel.port, protocol: 'TCP' }],
    purpose: 'traces',
  });
  network.allowEgressTo.forEach((allowance, index) => {
    egress.push({
      policyName: `allow-egress-app-to-${allowance.purpose ?? `destination-${index + 1}`}`,
      from: 'app',
      to: { kind: 'cidr', cidr: allowance.cidr },
      ports: allowance.ports.map((port) => ({ port, protocol: 'TCP' as const })),
      purpose: allowance.purpose ?? allowance.cidr,
    });
  });
  return egress;
}
