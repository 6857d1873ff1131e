/** The port contract: every app serves traffic and management on separate ports. */
export const PORTS = {
  /** Application traffic; the only app port an Ingress may reach. */
  http: 8081,
  /** Health probes and the mgmt sidecar; never routed from outside the namespace. */
  mgmt: 8082,
  /** The nginx reverse proxy (non-root, so above 1024). */
  nginx: 8080,
  postgres: 5432,
  mongo: 27017,
  redis: 6379,
  rabbitmq: 5672,
  rabbitmqManagement: 15672,
  postgresExporter: 9187,
  mongodbExporter: 9216,
  redisExporter: 9121,
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
