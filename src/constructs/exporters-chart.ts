import type { Construct } from 'constructs';
import { containerSecurityContext, podSecurityContext, POD_DEFAULTS, resourcesFor } from './hardening';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import type { StatefulComponent } from '../components/stateful-component';
import { MANIFEST_FILES } from '../contract/files';
import { METRICS_PATH } from '../contract/ports';
import { HELPER_SIZE } from '../contract/sizes';
import * as k8s from '../imports/k8s';
import { appDashboard } from '../observability/dashboard';

export interface ExportersChartProps extends VibeChartProps {
  /** The stateful components, one metrics exporter each. */
  readonly components: readonly StatefulComponent[];
  /** The SealedSecret holding the credentials the exporters connect with. */
  readonly secretName: string;
}

/** The label Grafana's dashboard sidecar watches for. */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;

/**
 * `11-metrics-exporters.yaml`: a Prometheus exporter per database and cache, wired to its target
 * with credentials from the SealedSecret and scraped on its own port, and the app's Grafana
 * dashboard as a ConfigMap the Grafana sidecar loads.
 */
export class ExportersChart extends VibeChart {
  constructor(scope: Construct, props: ExportersChartProps) {
    super(scope, MANIFEST_FILES.metricsExporters, props);
    const { model } = this;
    new k8s.KubeConfigMap(this, 'dashboard', {
      metadata: this.metadata(model.objectName('dashboard'), { ...model.commonLabels, ...GRAFANA_DASHBOARD_LABEL }, { grafana_folder: 'Vibe apps' }),
      data: { [`${model.slug}.json`]: `${JSON.stringify(appDashboard(model, props.components), null, 2)}\n` },
    });
    for (const component of props.components) {
      const exporter = component.exporter;
      if (!exporter) continue;
      const labels = model.workloadLabels(exporter.component);
      const probe = (initialDelaySeconds: number): k8s.Probe => ({
        httpGet: { path: METRICS_PATH, port: k8s.IntOrString.fromNumber(exporter.port) },
        initialDelaySeconds,
        periodSeconds: 15,
        timeoutSeconds: 5,
        failureThreshold: 3,
      });
      new k8s.KubeDeployment(this, exporter.component, {
        metadata: this.metadata(model.workloadName(exporter.component), labels),
        spec: {
          replicas: 1,
          revisionHistoryLimit: 3,
          selector: { matchLabels: model.selector(exporter.component) },
          template: {
            metadata: {
              labels,
              annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(exporter.port), 'prometheus.io/path': METRICS_PATH },
            },
            spec: {
              ...POD_DEFAULTS,
              securityContext: podSecurityContext(exporter.uid),
              containers: [
                {
                  name: 'exporter',
                  image: model.componentImage(exporter.image),
                  imagePullPolicy: 'IfNotPresent',
                  ...(exporter.args ? { args: [...exporter.args] } : {}),
                  ports: [{ name: 'metrics', containerPort: exporter.port, protocol: 'TCP' }],
                  env: exporter.env(props.secretName),
                  resources: resourcesFor(HELPER_SIZE),
                  securityContext: containerSecurityContext(exporter.uid),
                  livenessProbe: probe(10),
                  readinessProbe: probe(5),
                },
              ],
            },
          },
        },
      });
    }
  }
}
