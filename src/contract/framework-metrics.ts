/**
 * The framework metrics every app exposes on /metrics (the middle tier of the monitoring model):
 * request count and latency by route and status, and the connections in flight. The contract
 * kits create them and the Grafana dashboard queries them, so both read the names from here.
 */
export const FRAMEWORK_METRICS = {
  requests: {
    name: 'http_requests_total',
    type: 'counter',
    help: 'HTTP requests answered, by method, route and status code',
    labels: ['method', 'route', 'status_code'],
  },
  duration: {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    help: 'HTTP request latency in seconds, by method, route and status code',
    labels: ['method', 'route', 'status_code'],
  },
  active: {
    name: 'http_active_connections',
    type: 'gauge',
    help: 'HTTP connections open right now',
    labels: [],
  },
} as const;

/** Latency buckets in seconds, from 10 ms to 5 s (the article's). */
export const DURATION_BUCKETS: readonly number[] = [0.01, 0.05, 0.1, 0.5, 1, 2, 5];
