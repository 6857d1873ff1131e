/**
 * The port contract: every app serves traffic and management on separate ports. The ports of
 * databases, caches, brokers and exporters are in the component catalogue.
 */
export const PORTS = {
  /** Application traffic; the only app port an Ingress may reach. */
  http: 8081,
  /** Health probes and the mgmt sidecar; never routed from outside the namespace. */
  mgmt: 8082,
  /** The nginx reverse proxy (non-root, so above 1024). */
  nginx: 8080,
} as const;

export const PORT_NAMES = { http: 'http', mgmt: 'mgmt' } as const;

/** The four management endpoints every app answers on the mgmt port. */
export const HEALTH_PATHS = {
  liveness: '/liveness',
  readiness: '/readiness',
  info: '/info',
  shutdown: '/shutdown',
} as const;

export const METRICS_PATH = '/metrics';

/** Probe timeouts: at least 5 s, and at least 10 s when readiness also checks a database. */
export const PROBE_TIMEOUT_SECONDS = 5;
export const PROBE_TIMEOUT_WITH_DATABASE_SECONDS = 10;
