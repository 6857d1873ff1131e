import type { StatefulComponent } from '../components/stateful-component';
import type { BusinessMetric } from '../contract/answers';
import type { AppModel } from '../contract/app-model';
import { FRAMEWORK_METRICS } from '../contract/framework-metrics';

const REQUESTS = FRAMEWORK_METRICS.requests.name;
const DURATION = FRAMEWORK_METRICS.duration.name;

/**
 * The app's Grafana dashboard: four rows that answer, in order, is everything running, is the
 * infrastructure healthy, is the app behaving, is business flowing. Every query is scoped to
 * the app namespace. Panel layout is computed, so the JSON is the same for the same answers.
 */

interface Panel {
  readonly title: string;
  readonly type: 'timeseries' | 'stat';
  readonly expr: string;
  readonly unit?: string;
  readonly legend?: string;
}

const ROW_HEIGHT = 1;
const PANEL_HEIGHT = 8;
const PANELS_PER_LINE = 3;
const GRID_WIDTH = 24;

/** Dashboard JSON (Grafana schema 39) for the sidecar to load from a ConfigMap. */
export function appDashboard(model: AppModel, components: readonly StatefulComponent[]): Record<string, unknown> {
  const ns = `namespace="${model.namespace}"`;
  const app = `${ns}, pod=~"${model.workloadName('app')}-.*"`;
  const rows: [string, Panel[]][] = [
    [
      'Is everything running?',
      [
        { title: 'Pods ready', type: 'stat', expr: `sum(kube_pod_status_ready{${ns}, condition="true"})` },
        { title: 'Pods not running', type: 'stat', expr: `sum(kube_pod_status_phase{${ns}, phase!~"Running|Succeeded"}) or vector(0)` },
        { title: 'Container restarts (1h)', type: 'stat', expr: `sum(increase(kube_pod_container_status_restarts_total{${ns}}[1h]))` },
      ],
    ],
    [
      'Is the infrastructure healthy?',
      [
        { title: 'CPU by pod', type: 'timeseries', unit: 'cores', legend: '{{pod}}', expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${ns}, container!=""}[5m]))` },
        { title: 'Memory by pod', type: 'timeseries', unit: 'bytes', legend: '{{pod}}', expr: `sum by (pod) (container_memory_working_set_bytes{${ns}, container!=""})` },
        {
          title: 'Network in/out',
          type: 'timeseries',
          unit: 'Bps',
          legend: '{{pod}}',
          expr: `sum by (pod) (rate(container_network_receive_bytes_total{${ns}}[5m]) + rate(container_network_transmit_bytes_total{${ns}}[5m]))`,
        },
        ...components.flatMap((c) => componentHealth(c, ns)),
      ],
    ],
    [
      'Is the app behaving?',
      [
        { title: 'Requests per second', type: 'timeseries', unit: 'reqps', legend: '{{route}}', expr: `sum by (route) (rate(${REQUESTS}{${app}}[5m]))` },
        {
          title: 'Errors (5xx share)',
          type: 'timeseries',
          unit: 'percentunit',
          expr: `sum(rate(${REQUESTS}{${app}, status_code=~"5.."}[5m])) / clamp_min(sum(rate(${REQUESTS}{${app}}[5m])), 1e-9)`,
        },
        {
          title: 'Latency p95',
          type: 'timeseries',
          unit: 's',
          legend: '{{route}}',
          expr: `histogram_quantile(0.95, sum by (le, route) (rate(${DURATION}_bucket{${app}}[5m])))`,
        },
      ],
    ],
    ['Is business flowing?', model.answers.businessMetrics.map((m) => businessPanel(m, ns))],
  ];

  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const [title, rowPanels] of rows) {
    panels.push({ id: id++, type: 'row', title, collapsed: false, gridPos: { h: ROW_HEIGHT, w: GRID_WIDTH, x: 0, y }, panels: [] });
    y += ROW_HEIGHT;
    rowPanels.forEach((panel, index) => {
      const width = GRID_WIDTH / PANELS_PER_LINE;
      panels.push({
        id: id++,
        type: panel.type,
        title: panel.title,
        datasource: { type: 'prometheus', uid: '${datasource}' },
        gridPos: { h: PANEL_HEIGHT, w: width, x: (index % PANELS_PER_LINE) * width, y: y + Math.floor(index / PANELS_PER_LINE) * PANEL_HEIGHT },
        fieldConfig: { defaults: panel.unit ? { unit: panel.unit } : {}, overrides: [] },
        targets: [{ refId: 'A', expr: panel.expr, ...(panel.legend ? { legendFormat: panel.legend } : {}) }],
      });
    });
    y += Math.ceil(rowPanels.length / PANELS_PER_LINE) * PANEL_HEIGHT;
  }

  return {
    uid: `vibe-${model.slug}`.slice(0, 40),
    title: `${model.displayName} (${model.namespace})`,
    tags: ['vibe-env', model.slug],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', current: {}, hide: 0, label: 'Data source' }],
    },
    panels,
  };
}

/** Rate for counters, the value for gauges, p95 for histograms, split by the declared labels. */
export function businessPanel(metric: BusinessMetric, scope: string): Panel {
  const by = metric.labels?.length ? `sum by (${metric.labels.join(', ')})` : 'sum';
  const legend = metric.labels?.length ? metric.labels.map((l) => `{{${l}}}`).join(' ') : undefined;
  switch (metric.type) {
    case 'counter':
      return { title: `${metric.help} (per second)`, type: 'timeseries', legend, expr: `${by} (rate(${metric.name}{${scope}}[5m]))` };
    case 'gauge':
      return { title: metric.help, type: 'timeseries', legend, expr: `${by} (${metric.name}{${scope}})` };
    case 'histogram': {
      const labels = ['le', ...(metric.labels ?? [])].join(', ');
      return {
        title: `${metric.help} (p95)`,
        type: 'timeseries',
        legend,
        expr: `histogram_quantile(0.95, sum by (${labels}) (rate(${metric.name}_bucket{${scope}}[5m])))`,
      };
    }
  }
}

/** Whether each stateful component answers: the catalogue record's query (from its exporter, or its own endpoint). */
function componentHealth(component: StatefulComponent, scope: string): Panel[] {
  const upQuery = component.record.platform?.upQuery;
  return upQuery ? [{ title: `${component.component} up`, type: 'stat', expr: upQuery(scope) }] : [];
}
