import type { VibeAppProps } from '../src';
import { find, render } from './helpers/render';

const BASE = { slug: 'shop', image: { repository: 'shop', tag: 'a3f91bc' } };

function dashboardOf(props: VibeAppProps) {
  const configMap = find(render(props), 'ConfigMap', `${props.slug}-dashboard`);
  return { configMap, dashboard: JSON.parse(configMap.data[`${props.slug}.json`]) };
}

describe('the Grafana dashboard in 11-metrics-exporters.yaml', () => {
  it('is a ConfigMap labelled for the Grafana sidecar', () => {
    const { configMap } = dashboardOf(BASE);
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    expect(configMap.metadata.namespace).toBe('platform-vibe-shop');
  });

  it('answers the four questions in order, every query scoped to the app namespace', () => {
    const { dashboard } = dashboardOf({ ...BASE, components: { postgres: true, redis: true } });
    const rows = dashboard.panels.filter((p: any) => p.type === 'row').map((p: any) => p.title);
    expect(rows).toEqual(['Is everything running?', 'Is the infrastructure healthy?', 'Is the app behaving?', 'Is business flowing?']);
    const queries = dashboard.panels.filter((p: any) => p.type !== 'row').map((p: any) => p.targets[0].expr);
    for (const query of queries) expect(query).toContain('namespace="platform-vibe-shop"');
    expect(queries.join('\n')).toMatch(/pg_up/);
    expect(queries.join('\n')).toMatch(/redis_up/);
    const ids = dashboard.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one business panel per declared metric: rate for counters, value for gauges, p95 for histograms', () => {
    const { dashboard } = dashboardOf({
      ...BASE,
      businessMetrics: [
        { name: 'orders_processed_total', type: 'counter', help: 'Orders processed', labels: ['status'] },
        { name: 'inventory_low_stock_items', type: 'gauge', help: 'Products low in stock', labels: ['category'] },
        { name: 'checkout_duration_seconds', type: 'histogram', help: 'Checkout time' },
      ],
    });
    const rowIndex = dashboard.panels.findIndex((p: any) => p.title === 'Is business flowing?');
    const business = dashboard.panels.slice(rowIndex + 1).map((p: any) => p.targets[0].expr);
    expect(business).toEqual([
      'sum by (status) (rate(orders_processed_total{namespace="platform-vibe-shop"}[5m]))',
      'sum by (category) (inventory_low_stock_items{namespace="platform-vibe-shop"})',
      'histogram_quantile(0.95, sum by (le) (rate(checkout_duration_seconds_bucket{namespace="platform-vibe-shop"}[5m])))',
    ]);
  });

  it('keeps panels on the grid without overlaps', () => {
    const { dashboard } = dashboardOf({ ...BASE, components: { mongo: true, redis: true, rabbitmq: true } });
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let dx = x; dx < x + w; dx++) {
        for (let dy = y; dy < y + h; dy++) {
          const cell = `${dx},${dy}`;
          expect(cells.has(cell)).toBe(false);
          cells.add(cell);
        }
      }
    }
  });
});
