import type { StatefulComponent } from '../components/stateful-component';
import type { AppModel, WorkloadComponent } from './app-model';
import { PORTS } from './ports';

/** Who starts a connection: an actor outside the namespace, or one of the app's workloads. */
export type FlowSource =
  | { readonly kind: 'ingress-controller' }
  | { readonly kind: 'observability' }
  | { readonly kind: 'workload'; readonly component: WorkloadComponent };

/** A connection the platform means to allow, and the policy that allows it. */
export interface IntendedFlow {
  readonly policyName: string;
  readonly from: FlowSource;
  readonly to: WorkloadComponent;
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
