import { HEALTH_PATHS, PORT_NAMES, PORTS, PROBE_TIMEOUT_SECONDS, PROBE_TIMEOUT_WITH_DATABASE_SECONDS } from '../../contract/ports';
import { referenceOf, type ManifestObject } from '../../manifests/manifest-object';
import { fail, pass, type Check, type CheckResult } from '../check';
import type { ReviewContext } from '../context';
import { describeContainer, type ContainerRef, type Workload } from '../workloads';
import {
  describeProbe,
  findServicePort,
  isLongRunning,
  isRoute,
  landingsOf,
  namespaceOf,
  podDeclares,
  portsOfContainer,
  PROBE_KINDS,
  probeHandler,
  probeOf,
  refOf,
  resolveProbePort,
  routeBackends,
  serviceNamed,
  servicePorts,
  servingContainers,
  showPort,
  type PortRef,
  type ProbeKind,
  type ServicePort,
} from './ports';
import { LONG_RUNNING_KINDS, ROUTE_KINDS, WORKLOAD_KINDS } from '../check-scope';
import { mapsOf } from '../values';

/**
 * Group B — Health & ports (CRITICAL). "The app" is every workload whose role is `app` (see
 * ReviewContext.roleOf): in a synthesized set the `{slug}-app` Deployment, in a hand-written set
 * every workload that is not a recognised platform component.
 */

/** The container a creator thinks of as "the app": the one serving 8081, else one named app, else the first. */
export function appContainer(workload: Workload): ContainerRef | undefined {
  const main = servingContainers(workload).filter((ref) => ref.role === 'main');
  return (
    main.find((ref) => portsOfContainer(ref).some((p) => p.port === PORTS.http)) ??
    main.find((ref) => ref.container.name === 'app') ??
    main[0] ??
    workload.containers[0]
  );
}

function containerName(workload: Workload): string {
  const name = appContainer(workload)?.container.name;
  return typeof name === 'string' ? `container "${name}"` : 'the app container';
}

/** True when the set runs a database, so the app's readiness (which checks it) needs the longer timeout. */
function hasDatabase(context: ReviewContext): boolean {
  return context.workloadsWithRole('database').length > 0;
}

function readinessTimeout(context: ReviewContext): number {
  return hasDatabase(context) ? PROBE_TIMEOUT_WITH_DATABASE_SECONDS : PROBE_TIMEOUT_SECONDS;
}

/** Runs `judge` on every long-running app workload (a Job that runs the app's image serves nothing). */
function perAppWorkload(context: ReviewContext, judge: (workload: Workload) => string | undefined): CheckResult[] {
  return context.workloadsWithRole('app').filter(isLongRunning).map((workload) => {
    const problem = judge(workload);
    return problem ? fail(problem, workload.manifest) : pass(workload.manifest);
  });
}

export const APP_PORT_DECLARED: Check = {
  id: 'B1',
  slug: 'app-port-8081',
  scope: { kinds: LONG_RUNNING_KINDS, roles: ['app'] },
  group: 'B',
  title: 'App declares port 8081',
  severity: 'CRITICAL',
  verifies: `Every long-running app workload (Jobs and CronJobs serve nothing) declares containerPort ${PORTS.http} (TCP), the port application traffic comes in on.`,
  fix: `Add ports: [{ name: ${PORT_NAMES.http}, containerPort: ${PORTS.http} }] to the app container and make the app listen there.`,
  run: (context) =>
    perAppWorkload(context, (workload) =>
      podDeclares(workload, PORTS.http)
        ? undefined
        : `${refOf(workload)} does not declare the application port ${PORTS.http} — add ports: [{ name: ${PORT_NAMES.http}, containerPort: ${PORTS.http} }] ` +
          `to ${containerName(workload)} and make the app listen on ${PORTS.http}`,
    ),
};

export const MGMT_PORT_DECLARED: Check = {
  id: 'B2',
  slug: 'mgmt-port-8082',
  scope: { kinds: LONG_RUNNING_KINDS, roles: ['app'] },
  group: 'B',
  title: 'Pod declares port 8082',
  severity: 'CRITICAL',
  verifies: `Every long-running app pod declares containerPort ${PORTS.mgmt} (TCP), in the app container or in a sidecar, for health checks and metrics.`,
  fix: `Add { name: ${PORT_NAMES.mgmt}, containerPort: ${PORTS.mgmt} } to the app container's ports, or turn on the mgmt sidecar (mgmtSidecar: true).`,
  run: (context) =>
    perAppWorkload(context, (workload) =>
      podDeclares(workload, PORTS.mgmt)
        ? undefined
        : `${refOf(workload)} does not declare the management port ${PORTS.mgmt} — add { name: ${PORT_NAMES.mgmt}, containerPort: ${PORTS.mgmt} } ` +
          `to the ports of ${containerName(workload)}, or turn on the mgmt sidecar (mgmtSidecar: true) if the app cannot answer health checks itself`,
    ),
};

const PROBE_WORDS: Readonly<Record<ProbeKind, string>> = { livenessProbe: 'liveness', readinessProbe: 'readiness', startupProbe: 'startup' };

/** B3/B4: some running container of the app pod probes httpGet `path` on a port that is 8082. */
function probeOn8082(kind: 'livenessProbe' | 'readinessProbe', path: string, timeout: (context: ReviewContext) => number) {
  return (context: ReviewContext): CheckResult[] =>
    perAppWorkload(context, (workload) => {
      const probing = servingContainers(workload).filter((ref) => probeOf(ref, kind));
      const right = probing.some((ref) => {
        const handler = probeHandler(probeOf(ref, kind)!);
        return handler.type === 'httpGet' && handler.path === path && resolveProbePort(ref, handler.port) === PORTS.mgmt;
      });
      if (right) return undefined;
      const wanted = `${kind}: httpGet { path: ${path}, port: ${PORTS.mgmt} }, timeoutSeconds: ${timeout(context)}`;
      const app = appContainer(workload);
      const shown = probing.find((ref) => ref === app) ?? probing[0];
      if (!shown) return `${refOf(workload)} has no ${PROBE_WORDS[kind]} probe on port ${PORTS.mgmt} — add ${wanted} to ${containerName(workload)}`;
      const handler = probeHandler(probeOf(shown, kind)!);
      return `${describeContainer(shown)} checks ${PROBE_WORDS[kind]} with ${describeProbe(handler)}${unresolvedName(shown, handler.port)} — change it to ${wanted}`;
    });
}

/** What a named probe port is in its container: ` ("web" is 8081 here)`, or that the name is unknown there. */
function unresolvedName(ref: ContainerRef, port: PortRef | undefined): string {
  if (typeof port !== 'string') return '';
  const resolved = resolveProbePort(ref, port);
  return resolved === undefined ? ` (${showPort(port)} is not a port name this container declares)` : ` (${showPort(port)} is ${resolved} in this container)`;
}

export const LIVENESS_PROBE: Check = {
  id: 'B3',
  slug: 'liveness-probe',
  scope: { kinds: LONG_RUNNING_KINDS, roles: ['app'] },
  group: 'B',
  title: 'Liveness probe on 8082 /liveness',
  severity: 'CRITICAL',
  verifies: `The app pod has a liveness probe httpGet on port ${PORTS.mgmt} (a number, or a port name that is ${PORTS.mgmt}) with path ${HEALTH_PATHS.liveness}.`,
  fix: `Add livenessProbe: httpGet { path: ${HEALTH_PATHS.liveness}, port: ${PORTS.mgmt} }, timeoutSeconds: ${PROBE_TIMEOUT_SECONDS} to the app container.`,
  run: probeOn8082('livenessProbe', HEALTH_PATHS.liveness, () => PROBE_TIMEOUT_SECONDS),
};

export const READINESS_PROBE: Check = {
  id: 'B4',
  slug: 'readiness-probe',
  scope: { kinds: LONG_RUNNING_KINDS, roles: ['app'] },
  group: 'B',
  title: 'Readiness probe on 8082 /readiness',
  severity: 'CRITICAL',
  verifies: `The app pod has a readiness probe httpGet on port ${PORTS.mgmt} (a number, or a port name that is ${PORTS.mgmt}) with path ${HEALTH_PATHS.readiness}.`,
  fix: `Add readinessProbe: httpGet { path: ${HEALTH_PATHS.readiness}, port: ${PORTS.mgmt} }, timeoutSeconds: ${PROBE_TIMEOUT_SECONDS} (${PROBE_TIMEOUT_WITH_DATABASE_SECONDS} with a database) to the app container.`,
  run: probeOn8082('readinessProbe', HEALTH_PATHS.readiness, readinessTimeout),
};

/** Kubernetes' default when timeoutSeconds is not set. */
const DEFAULT_PROBE_TIMEOUT = 1;

export const PROBE_TIMEOUTS: Check = {
  id: 'B5',
  slug: 'probe-timeouts',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'B',
  title: 'Probe timeouts',
  severity: 'CRITICAL',
  verifies:
    `Every probe of every container sets timeoutSeconds >= ${PROBE_TIMEOUT_SECONDS} (unset means Kubernetes' default of 1 s). ` +
    'The app\'s readiness probe checks its database, so when the set runs a database (a workload of role database) ' +
    `the app's readiness probe needs >= ${PROBE_TIMEOUT_WITH_DATABASE_SECONDS}.`,
  fix: `Set timeoutSeconds: ${PROBE_TIMEOUT_SECONDS} on every probe, and timeoutSeconds: ${PROBE_TIMEOUT_WITH_DATABASE_SECONDS} on the app's readiness probe when the app uses a database.`,
  run: (context) => {
    const results: CheckResult[] = [];
    const database = hasDatabase(context);
    for (const workload of context.workloads()) {
      const isApp = context.roleOf(workload) === 'app';
      const problems: string[] = [];
      let probes = 0;
      for (const ref of workload.containers) {
        for (const kind of PROBE_KINDS) {
          const probe = probeOf(ref, kind);
          if (!probe) continue;
          probes++;
          const { timeoutSeconds } = probe;
          const set = typeof timeoutSeconds === 'number';
          const seconds = set ? timeoutSeconds : DEFAULT_PROBE_TIMEOUT;
          const checksDatabase = isApp && database && kind === 'readinessProbe';
          const minimum = checksDatabase ? PROBE_TIMEOUT_WITH_DATABASE_SECONDS : PROBE_TIMEOUT_SECONDS;
          if (seconds >= minimum) continue;
          const now = set ? `times out after ${seconds} s` : `has no timeoutSeconds, so it times out after Kubernetes' default of ${DEFAULT_PROBE_TIMEOUT} s`;
          const why = checksDatabase ? ' (it also waits for the database, which can be slow to answer)' : '';
          problems.push(`${describeContainer(ref)}: the ${PROBE_WORDS[kind]} probe ${now}${why} — set ${kind}.timeoutSeconds: ${minimum}`);
        }
      }
      if (probes === 0) continue;
      if (problems.length === 0) results.push(pass(workload.manifest));
      else for (const problem of problems) results.push(fail(problem, workload.manifest));
    }
    return results;
  },
};

const EXTERNAL_SERVICE_TYPES = new Set(['NodePort', 'LoadBalancer']);

export const MGMT_NOT_EXPOSED: Check = {
  id: 'B6',
  slug: 'mgmt-port-internal',
  scope: { kinds: [...ROUTE_KINDS, 'Service', ...WORKLOAD_KINDS] },
  group: 'B',
  title: '8082 never reachable from outside',
  severity: 'CRITICAL',
  verifies:
    `No Ingress (or Gateway API route, or Traefik IngressRoute) sends traffic to port ${PORTS.mgmt}, written as the backend port or reached through ` +
    `the Service's targetPort (number or name); no NodePort/LoadBalancer Service (or Service with externalIPs) lands on a container port ${PORTS.mgmt}; ` +
    `no container publishes ${PORTS.mgmt} on its node (hostPort, hostNetwork).`,
  fix: `Route the Ingress to the app port ${PORTS.http} (or to nginx on ${PORTS.nginx}), keep Services that carry ${PORTS.mgmt} ClusterIP, and publish nothing on the node.`,
  run: (context) => [...routesReaching8082(context), ...externalServicesReaching8082(context), ...nodePortsOf8082(context)],
};

/** ` — Deployment/x's management port` style text for the workloads a Service port lands on at 8082. */
function landsOn8082(context: ReviewContext, service: ManifestObject, servicePort: ServicePort): string | undefined {
  const hits = landingsOf(context, service, servicePort).filter(
    (landing) => landing.port === PORTS.mgmt || (landing.port === undefined && !landing.workload && servicePort.targetPort === PORT_NAMES.mgmt),
  );
  if (hits.length === 0) return undefined;
  const owners = hits.map((hit) => (hit.workload ? refOf(hit.workload) : undefined)).filter((owner): owner is string => owner !== undefined);
  return owners.length ? `the management port ${PORTS.mgmt} of ${owners.join(', ')}` : `container port ${PORTS.mgmt}, the management port`;
}

function routesReaching8082(context: ReviewContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const route of context.manifests.filter(isRoute)) {
    const problems: string[] = [];
    for (const backend of routeBackends(route)) {
      const service = serviceNamed(context, backend.service, namespaceOf(context, route));
      const servicePort = service ? findServicePort(service, backend.port) : undefined;
      const reaches = service && servicePort ? landsOn8082(context, service, servicePort) : undefined;
      const literal = backend.port === PORTS.mgmt || (!servicePort && backend.port === PORT_NAMES.mgmt);
      if (!reaches && !literal) continue;
      const through = servicePort ? ` (${servicePort.label})` : backend.port === undefined ? '' : ` port ${showPort(backend.port)}`;
      problems.push(
        `${referenceOf(route)} (${backend.where}) sends traffic to Service/${backend.service}${through}, which reaches ${reaches ?? `port ${PORTS.mgmt}`} — ` +
          `route it to the app port ${PORTS.http} (or to nginx on ${PORTS.nginx}); ${PORTS.mgmt} serves health checks and metrics and must never be reachable from outside`,
      );
    }
    if (problems.length === 0) results.push(pass(route));
    else for (const problem of problems) results.push(fail(problem, route));
  }
  return results;
}

function externalServicesReaching8082(context: ReviewContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const service of context.ofKind('Service')) {
    const type = service.object.spec?.type;
    const externalIPs = Array.isArray(service.object.spec?.externalIPs) && service.object.spec.externalIPs.length > 0;
    if (!EXTERNAL_SERVICE_TYPES.has(type) && !externalIPs) continue;
    const how = EXTERNAL_SERVICE_TYPES.has(type) ? `is type ${type}` : 'has externalIPs';
    const problems: string[] = [];
    for (const servicePort of servicePorts(service)) {
      const reaches = landsOn8082(context, service, servicePort);
      if (!reaches) continue;
      problems.push(
        `${referenceOf(service)} ${how}, and its ${servicePort.label} reaches ${reaches} from outside the cluster — ` +
          `remove that port from this Service (keep ${PORTS.mgmt} on a ClusterIP Service only) or make the Service type ClusterIP`,
      );
    }
    if (problems.length === 0) results.push(pass(service));
    else for (const problem of problems) results.push(fail(problem, service));
  }
  return results;
}

function nodePortsOf8082(context: ReviewContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const workload of context.workloads()) {
    const onNode = servingContainers(workload).flatMap((ref) =>
      mapsOf(ref.container.ports)
        .filter((p) => p.containerPort === PORTS.mgmt && p.hostPort !== undefined && p.hostPort !== null && p.hostPort !== 0)
        .map((p) => `${describeContainer(ref)} publishes ${PORTS.mgmt} on its node as hostPort ${p.hostPort} — remove hostPort from that port`),
    );
    if (workload.podSpec.hostNetwork === true && podDeclares(workload, PORTS.mgmt)) {
      onNode.push(`${refOf(workload)} uses hostNetwork: true, so its management port ${PORTS.mgmt} is open on the node's address — remove hostNetwork`);
    }
    for (const problem of onNode) results.push(fail(problem, workload.manifest));
  }
  return results;
}

export const HEALTH_CHECKS: readonly Check[] = [
  APP_PORT_DECLARED,
  MGMT_PORT_DECLARED,
  LIVENESS_PROBE,
  READINESS_PROBE,
  PROBE_TIMEOUTS,
  MGMT_NOT_EXPOSED,
];
