import { referenceOf, type ManifestObject } from '../../manifests/manifest-object';
import { labelsOf } from '../../network/label-selector';
import type { ReviewContext } from '../context';
import { joinedText } from '../text';
import { asList, asMap, isMap, mapsOf, textField, type ManifestMap } from '../values';
import type { ContainerRef, Workload } from '../workloads';

/**
 * Ports as Kubernetes resolves them, shared by the checks that follow traffic (B6, H4, N1) or
 * probes (B3–B5, N3): a port may be written as a number or as the name of a container port.
 */

/** A port as written in an IntOrString field: a number, or a port name. */
export type PortRef = number | string;

/** A port a container declares in `ports`. */
export interface DeclaredPort {
  readonly port: number;
  readonly name?: string;
  /** `TCP` unless written otherwise. */
  readonly protocol: string;
  readonly container: ContainerRef;
}

/**
 * Reads an IntOrString port. Digits written as text (`"8082"`) count as that number, as the
 * kubelet falls back to reading them; anything else that is not a non-empty string is absent.
 */
export function portRef(raw: unknown): PortRef | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim();
}

/** `8082` or `"mgmt"`, for messages. */
export function showPort(port: PortRef): string {
  return typeof port === 'number' ? String(port) : `"${port}"`;
}

/**
 * The containers of a pod that keep running and serve ports: the main containers and native
 * sidecars (init containers with `restartPolicy: Always`).
 */
export function servingContainers(workload: Workload): ContainerRef[] {
  return workload.containers.filter((ref) => ref.role === 'main' || (ref.role === 'init' && ref.container.restartPolicy === 'Always'));
}

/**
 * True for workloads whose pods keep running and serve (Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, Pods that restart): not Jobs, CronJobs or run-once Pods, which answer no probes.
 */
export function isLongRunning(workload: Workload): boolean {
  if (workload.manifest.kind === 'Job' || workload.manifest.kind === 'CronJob') return false;
  const restart = workload.podSpec.restartPolicy;
  return restart === undefined || restart === 'Always';
}

/** The ports one container declares. */
export function portsOfContainer(ref: ContainerRef): DeclaredPort[] {
  const list = Array.isArray(ref.container.ports) ? ref.container.ports : [];
  const ports: DeclaredPort[] = [];
  for (const entry of list) {
    const port = portRef(entry?.containerPort);
    if (typeof port !== 'number') continue;
    ports.push({
      port,
      name: typeof entry.name === 'string' ? entry.name : undefined,
      protocol: protocolOf(entry.protocol),
      container: ref,
    });
  }
  return ports;
}

/** Every port the running containers of a pod declare. */
export function podPorts(workload: Workload): readonly DeclaredPort[] {
  return servingContainers(workload).flatMap(portsOfContainer);
}

/** True when the pod serves TCP on `port` (declared by any of its running containers). */
export function podDeclares(workload: Workload, port: number): boolean {
  return podPorts(workload).some((p) => p.port === port && p.protocol === 'TCP');
}

export function protocolOf(raw: unknown): string {
  return typeof raw === 'string' && raw !== '' ? raw.toUpperCase() : 'TCP';
}

// ---------------------------------------------------------------------------------------------
// Probes

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export const PROBE_KINDS: readonly ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

/** What a probe does, read once. */
export interface ProbeHandler {
  readonly type: 'httpGet' | 'tcpSocket' | 'grpc' | 'exec' | 'none';
  readonly port?: PortRef;
  readonly path?: string;
  readonly command?: string;
}

export function probeHandler(probe: ManifestMap): ProbeHandler {
  const { httpGet } = probe;
  if (isMap(httpGet)) return { type: 'httpGet', port: portRef(httpGet.port), path: textField(httpGet, 'path') };
  const { tcpSocket, grpc, exec } = probe;
  if (isMap(tcpSocket)) return { type: 'tcpSocket', port: portRef(tcpSocket.port) };
  if (isMap(grpc)) return { type: 'grpc', port: portRef(grpc.port) };
  if (isMap(exec)) return { type: 'exec', command: Array.isArray(exec.command) ? joinedText(exec.command, ' ') : undefined };
  return { type: 'none' };
}

/** The probe of a container, when it is set to a map. */
export function probeOf(ref: ContainerRef, kind: ProbeKind): ManifestMap | undefined {
  const probe = ref.container[kind];
  return isMap(probe) ? probe : undefined;
}

/**
 * The number a probe port means, as the kubelet reads it: a name is looked up in the probing
 * container's own ports only (not its neighbours'), then read as digits.
 */
export function resolveProbePort(ref: ContainerRef, port: PortRef | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (typeof port === 'number') return port;
  return portsOfContainer(ref).find((p) => p.name === port)?.port;
}

/** `httpGet on port 8080 path /_healthz`, `exec (cat /tmp/healthy)`, for messages. */
export function describeProbe(handler: ProbeHandler): string {
  switch (handler.type) {
    case 'httpGet':
      return `httpGet on port ${handler.port === undefined ? '(none)' : showPort(handler.port)} path ${handler.path ?? '/'}`;
    case 'tcpSocket':
      return `a TCP connect on port ${handler.port === undefined ? '(none)' : showPort(handler.port)}`;
    case 'grpc':
      return `a gRPC health call on port ${handler.port === undefined ? '(none)' : showPort(handler.port)}`;
    case 'exec':
      return handler.command ? `a command (${handler.command})` : 'a command';
    default:
      return 'no handler';
  }
}

// ---------------------------------------------------------------------------------------------
// Services

/** The namespace an object lands in: its own, else the set's (objects without one are applied there). */
export function namespaceOf(context: ReviewContext, manifest: ManifestObject): string {
  return context.namespaceOf(manifest);
}

/** A Service port entry, with its defaults applied (`targetPort` defaults to `port`). */
export interface ServicePort {
  readonly port: number;
  readonly name?: string;
  readonly protocol: string;
  readonly targetPort: PortRef;
  /** `port 80 → targetPort 8080`, for messages. */
  readonly label: string;
}

/** The ports of a Service. */
export function servicePorts(service: ManifestObject): readonly ServicePort[] {
  return readServicePorts(service);
}

function readServicePorts(service: ManifestObject): ServicePort[] {
  const list = Array.isArray(service.object.spec?.ports) ? service.object.spec.ports : [];
  const ports: ServicePort[] = [];
  for (const entry of list) {
    const port = portRef(entry?.port);
    if (typeof port !== 'number') continue;
    const targetPort = portRef(entry.targetPort) ?? port;
    ports.push({
      port,
      name: typeof entry.name === 'string' ? entry.name : undefined,
      protocol: protocolOf(entry.protocol),
      targetPort,
      label: `port ${port}${targetPort === port ? '' : ` → targetPort ${showPort(targetPort)}`}`,
    });
  }
  return ports;
}

/** The Service port a backend names, by number or by name. */
export function findServicePort(service: ManifestObject, port: PortRef | undefined): ServicePort | undefined {
  const ports = servicePorts(service);
  if (port === undefined) return ports.length === 1 ? ports[0] : undefined;
  return ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
}

/** The Service's selector labels; undefined for a Service without one (endpoints managed by hand, ExternalName). */
export function serviceSelector(service: ManifestObject): Readonly<Record<string, string>> | undefined {
  if (service.object.spec?.type === 'ExternalName') return undefined;
  const selector = labelsOf(service.object.spec?.selector);
  return Object.keys(selector).length > 0 ? selector : undefined;
}

/** `app=shop, tier=web`, for messages. */
export function showLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** The workloads of the set whose pods a Service selects (same namespace, every selector label). */
export function selectedWorkloads(context: ReviewContext, service: ManifestObject): Workload[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  return context.workloadsMatching(namespaceOf(context, service), selector);
}

/** The Services of the set named so in a namespace. */
export function serviceNamed(context: ReviewContext, name: string, namespace: string): ManifestObject | undefined {
  return context.named('Service', namespace, name);
}

/**
 * The container port a Service port lands on in one workload's pods: a number as written, a
 * name looked up in every running container of the pod (as the endpoints controller does).
 */
export function targetInPod(servicePort: ServicePort, workload: Workload): DeclaredPort | number | undefined {
  const { targetPort } = servicePort;
  const ports = podPorts(workload).filter((p) => p.protocol === servicePort.protocol);
  if (typeof targetPort === 'number') return ports.find((p) => p.port === targetPort) ?? targetPort;
  return ports.find((p) => p.name === targetPort);
}

/** Where traffic to a Service port ends: each selected workload with the container port it reaches. */
export interface Landing {
  readonly workload?: Workload;
  /** The container port number, when it can be known. */
  readonly port?: number;
}

export function landingsOf(context: ReviewContext, service: ManifestObject, servicePort: ServicePort): Landing[] {
  const workloads = selectedWorkloads(context, service);
  if (workloads.length === 0) {
    // Nothing in the set to resolve a name against: a number is still where traffic goes.
    return [{ port: typeof servicePort.targetPort === 'number' ? servicePort.targetPort : undefined }];
  }
  return workloads.map((workload) => {
    const target = targetInPod(servicePort, workload);
    return { workload, port: typeof target === 'number' ? target : target?.port };
  });
}

// ---------------------------------------------------------------------------------------------
// Routes from outside: Ingress (v1 and the beta shapes), Gateway API routes, Traefik IngressRoutes

/** One place a route sends traffic to: a Service and the port it names. */
export interface RouteBackend {
  readonly service: string;
  readonly port?: PortRef;
  /** `host a.example.com path /api`, `the default backend`, for messages. */
  readonly where: string;
}

const GATEWAY_ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);
const TRAEFIK_ROUTE_KINDS = new Set(['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP']);

/** True for the kinds that route traffic from outside the cluster into Services. */
export function isRoute(manifest: ManifestObject): boolean {
  return manifest.kind === 'Ingress' || GATEWAY_ROUTE_KINDS.has(manifest.kind) || TRAEFIK_ROUTE_KINDS.has(manifest.kind);
}

export function routeBackends(manifest: ManifestObject): RouteBackend[] {
  const spec = asMap(manifest.object.spec);
  if (manifest.kind === 'Ingress') return ingressBackends(spec);
  const backends: RouteBackend[] = [];
  if (GATEWAY_ROUTE_KINDS.has(manifest.kind)) {
    for (const [index, rule] of asList(spec.rules).entries()) {
      for (const ref of mapsOf(asMap(rule).backendRefs)) {
        if (typeof ref.name !== 'string' || (ref.kind !== undefined && ref.kind !== 'Service')) continue;
        backends.push({ service: ref.name, port: portRef(ref.port), where: `rule ${index + 1}` });
      }
    }
  } else if (TRAEFIK_ROUTE_KINDS.has(manifest.kind)) {
    for (const route of mapsOf(spec.routes)) {
      for (const ref of mapsOf(route.services)) {
        if (typeof ref.name !== 'string' || (ref.kind !== undefined && ref.kind !== 'Service')) continue;
        backends.push({ service: ref.name, port: portRef(ref.port), where: typeof route.match === 'string' ? `route ${route.match}` : 'a route' });
      }
    }
  }
  return backends;
}

/** The Service backends of an Ingress: networking.k8s.io/v1 and the older `serviceName`/`servicePort` shape. */
function ingressBackends(spec: ManifestMap): RouteBackend[] {
  const backends: RouteBackend[] = [];
  const add = (backend: unknown, where: string) => {
    if (!isMap(backend)) return;
    if (isMap(backend.service) && typeof backend.service.name === 'string') {
      const port = isMap(backend.service.port) ? (portRef(backend.service.port.number) ?? portRef(backend.service.port.name)) : undefined;
      backends.push({ service: backend.service.name, port, where });
    } else if (typeof backend.serviceName === 'string') {
      backends.push({ service: backend.serviceName, port: portRef(backend.servicePort), where });
    }
  };
  add(spec.defaultBackend ?? spec.backend, 'the default backend');
  for (const rule of mapsOf(spec.rules)) {
    const host = typeof rule.host === 'string' ? `host ${rule.host}` : 'any host';
    for (const path of mapsOf(asMap(rule.http).paths)) add(path.backend, `${host} path ${typeof path.path === 'string' ? path.path : '/'}`);
  }
  return backends;
}

/** `Deployment/shop-app`, for messages. */
export function refOf(workload: Workload): string {
  return referenceOf(workload.manifest);
}

