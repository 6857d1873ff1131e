import { statefulComponents } from '../../components';
import type { BusinessMetric } from '../../contract/answers';
import { APP_VERSION_ENV } from '../../contract/app-env';
import type { AppModel } from '../../contract/app-model';
import { DURATION_BUCKETS, FRAMEWORK_METRICS } from '../../contract/framework-metrics';
import { HEALTH_PATHS, METRICS_PATH, PORTS } from '../../contract/ports';
import { REQUIRED_FIELDS } from '../../review/checks/observability-logs';

/**
 * Everything a contract kit states about the platform, gathered from the contract modules so a
 * kit in any language says the same thing: ports, paths, the bodies the probes read, the env
 * the pod gets, the components readiness checks, the framework and business metrics.
 */
export interface KitFacts {
  readonly slug: string;
  readonly displayName: string;
  /** False with `mgmtSidecar`: the sidecar answers on the management port, the app must not listen there. */
  readonly serveManagement: boolean;
  readonly ports: { readonly http: number; readonly mgmt: number };
  readonly paths: typeof HEALTH_PATHS & { readonly metrics: string };
  /** The JSON bodies of the management endpoints (the article's, as the mgmt sidecar answers). */
  readonly bodies: typeof HEALTH_BODIES;
  /** Environment variables the kit reads (set by 03-configmap.yaml and the pod). */
  readonly env: typeof KIT_ENV;
  /** Components readiness checks, each reachable at `${hostEnv}:${portEnv}`. */
  readonly dependencies: readonly KitDependency[];
  readonly framework: typeof FRAMEWORK_METRICS;
  readonly buckets: readonly number[];
  readonly business: readonly Required<BusinessMetric>[];
  /** The log record fields, exactly these names. */
  readonly logFields: { readonly time: string; readonly level: string; readonly msg: string };
}

export interface KitDependency {
  /** The component's answer key (`INIT_COMPONENT_KEYS` of the catalogue). */
  readonly component: string;
  readonly hostEnv: string;
  readonly portEnv: string;
  /** The port used when the env var is not set. */
  readonly defaultPort: number;
}

export const HEALTH_BODIES = {
  up: '{"status":"UP"}',
  down: '{"status":"DOWN"}',
  outOfService: '{"status":"OUT_OF_SERVICE"}',
  shutdown: 'null',
} as const;

/**
 * The env the kit reads. PORT, MGMT_PORT, APP_SLUG and LOG_LEVEL come from the ConfigMap;
 * APP_VERSION (the image tag) from the Deployment; HOST only in tests (loopback).
 */
export const KIT_ENV = {
  host: 'HOST',
  port: 'PORT',
  mgmtPort: 'MGMT_PORT',
  slug: 'APP_SLUG',
  version: APP_VERSION_ENV,
  logLevel: 'LOG_LEVEL',
} as const;

/** Where the servers listen when HOST is not set: every interface of the pod. */
export const DEFAULT_HOST = '0.0.0.0';

/** Seconds a shutdown waits for requests in flight before it exits anyway. */
export const SHUTDOWN_GRACE_SECONDS = 10;

/** Seconds readiness waits for one component to accept a connection. */
export const DEPENDENCY_TIMEOUT_SECONDS = 2;

export function kitFacts(model: AppModel): KitFacts {
  const dependencies = statefulComponents(model).map((component): KitDependency => {
    const keys = Object.keys(component.connectionSettings());
    const hostEnv = keys.find((k) => k.endsWith('_HOST'));
    const portEnv = keys.find((k) => k.endsWith('_PORT'));
    if (!hostEnv || !portEnv) throw new Error(`component ${component.component} has no *_HOST/*_PORT connection settings`);
    return { component: component.component, hostEnv, portEnv, defaultPort: component.port };
  });
  return {
    slug: model.slug,
    displayName: model.displayName,
    serveManagement: model.answers.components.mgmtSidecar !== true,
    ports: { http: PORTS.http, mgmt: PORTS.mgmt },
    paths: { ...HEALTH_PATHS, metrics: METRICS_PATH },
    bodies: HEALTH_BODIES,
    env: KIT_ENV,
    dependencies,
    framework: FRAMEWORK_METRICS,
    buckets: DURATION_BUCKETS,
    business: model.answers.businessMetrics.map((m) => ({ ...m, labels: m.labels ?? [] })),
    // G5's names, read from the check itself.
    logFields: { time: REQUIRED_FIELDS[0], level: REQUIRED_FIELDS[1], msg: REQUIRED_FIELDS[2] },
  };
}
