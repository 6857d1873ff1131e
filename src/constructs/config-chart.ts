import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import { MANIFEST_FILES } from '../contract/files';
import { PORTS } from '../contract/ports';
import * as k8s from '../imports/k8s';

export interface ConfigChartProps extends VibeChartProps {
  /**
   * Connection settings of the enabled components (hosts and ports, never credentials).
   * @default {}
   */
  readonly connectionSettings?: Readonly<Record<string, string>>;
}

/** `03-configmap.yaml`: the app's non-sensitive settings, loaded with envFrom. */
export class ConfigChart extends VibeChart {
  /** Name of the ConfigMap the app loads. */
  public readonly configMapName: string;
  /** The data, keys sorted, for the pod's config-hash annotation. */
  public readonly data: Readonly<Record<string, string>>;

  constructor(scope: Construct, props: ConfigChartProps) {
    super(scope, MANIFEST_FILES.configmap, props);
    const { model } = this;
    this.configMapName = model.objectName('config');
    const data: Record<string, string> = {
      APP_SLUG: model.slug,
      APP_NAME: model.displayName,
      PORT: String(PORTS.http),
      MGMT_PORT: String(PORTS.mgmt),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      OTEL_EXPORTER_OTLP_ENDPOINT: model.cluster.otelEndpoint,
      OTEL_SERVICE_NAME: model.slug,
      ...props.connectionSettings,
      ...model.answers.env,
    };
    // Sorted keys: the same answers always give the same bytes, whatever order env was written in.
    this.data = Object.fromEntries(Object.keys(data).sort().map((key) => [key, data[key]]));
    new k8s.KubeConfigMap(this, 'configmap', {
      metadata: this.metadata(this.configMapName, model.workloadLabels('app')),
      data: this.data,
    });
  }
}
