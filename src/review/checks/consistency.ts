import { referenceOf, type ManifestObject } from '../../manifests/manifest-object';
import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';
import { describeContainer } from '../workloads';
import {
  namespaceOf,
  podPorts,
  portsOfContainer,
  PROBE_KINDS,
  probeHandler,
  probeOf,
  refOf,
  selectedWorkloads,
  serviceSelector,
  servicePorts,
  showLabels,
  showPort,
  targetInPod,
} from './ports';
import { isMap } from '../values';
import { asMap, type ManifestMap } from '../values';

/**
 * Group N — Consistency (WARNING): the objects of the set refer to each other correctly, so what
 * the creator meant is what Kubernetes does.
 */

export const SERVICES_MATCH_PODS: Check = {
  id: 'N1',
  slug: 'service-selects-pods',
  scope: { kinds: ['Service'] },
  group: 'N',
  title: 'Services select pods and target declared ports',
  severity: 'WARNING',
  verifies:
    'Every Service with a selector selects the pods of at least one workload of the set (same namespace), and each of its ports\' targetPort ' +
    '(a number, a name, or the port itself when unset) is declared, with the same protocol, by a running container of every workload it selects.',
  fix: 'Make spec.selector match the pod labels of the workload, and each targetPort a containerPort (or port name) that workload declares.',
  run: (context) => {
    const results: CheckResult[] = [];
    for (const service of context.ofKind('Service')) {
      const selector = serviceSelector(service);
      if (!selector) continue;
      const workloads = selectedWorkloads(context, service);
      if (workloads.length === 0) {
        results.push(
          fail(
            `${referenceOf(service)} selects no pods: no workload has the labels ${showLabels(selector)} — make spec.selector match the pod labels ` +
              '(spec.template.metadata.labels) of the workload it is for',
            service,
          ),
        );
        continue;
      }
      const problems: string[] = [];
      for (const servicePort of servicePorts(service)) {
        for (const workload of workloads) {
          const target = targetInPod(servicePort, workload);
          if (target !== undefined && typeof target !== 'number') continue;
          const declared = podPorts(workload).map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port)));
          const declaredText = declared.length ? `it declares ${declared.join(', ')}` : 'it declares no ports';
          problems.push(
            typeof servicePort.targetPort === 'number'
              ? `${referenceOf(service)} sends ${servicePort.label} to ${refOf(workload)}, which does not declare containerPort ${servicePort.targetPort}` +
                  `${servicePort.protocol === 'TCP' ? '' : `/${servicePort.protocol}`} (${declaredText}) — declare it in the container's ports or change targetPort`
              : `${referenceOf(service)} sends ${servicePort.label} to ${refOf(workload)}, which has no port named "${servicePort.targetPort}" ` +
                  `(${declaredText}) — name the container port "${servicePort.targetPort}" or set targetPort to its number`,
          );
        }
      }
      if (problems.length === 0) results.push(pass(service));
      else for (const problem of problems) results.push(fail(problem, service));
    }
    return results;
  },
};

/** Objects that scale another object, and where they name it. */
const SCALERS: readonly { kind: string; ref: (object: ManifestMap) => unknown; field: string; defaultKind?: string }[] = [
  { kind: 'HorizontalPodAutoscaler', ref: (o) => asMap(o.spec).scaleTargetRef, field: 'spec.scaleTargetRef' },
  { kind: 'VerticalPodAutoscaler', ref: (o) => asMap(o.spec).targetRef, field: 'spec.targetRef' },
  { kind: 'ScaledObject', ref: (o) => asMap(o.spec).scaleTargetRef, field: 'spec.scaleTargetRef', defaultKind: 'Deployment' },
];

/** `apps/v1` → `apps`, `v1` → `` (the core group). */
function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export const SCALE_TARGETS_EXIST: Check = {
  id: 'N2',
  slug: 'autoscaler-target-exists',
  scope: { kinds: ['HorizontalPodAutoscaler', 'VerticalPodAutoscaler', 'ScaledObject'] },
  group: 'N',
  title: 'Autoscaler targets exist',
  severity: 'WARNING',
  verifies:
    'Every HorizontalPodAutoscaler (and VerticalPodAutoscaler or KEDA ScaledObject) targets an object of the set: same kind, name, API group ' +
    'and namespace.',
  fix: 'Set scaleTargetRef to the app\'s Deployment: { apiVersion: apps/v1, kind: Deployment, name: <slug>-app }.',
  run: (context) => {
    const results: CheckResult[] = [];
    for (const scaler of SCALERS) {
      for (const object of context.ofKind(scaler.kind)) {
        const ref = scaler.ref(object.object);
        const kind = isMap(ref) && typeof ref.kind === 'string' ? ref.kind : scaler.defaultKind;
        const name = isMap(ref) && typeof ref.name === 'string' ? ref.name : undefined;
        const suggestion = suggestTarget(context, object);
        if (!kind || !name) {
          results.push(fail(`${referenceOf(object)} names no target (${scaler.field} needs kind and name) — set ${scaler.field}: ${suggestion}`, object));
          continue;
        }
        const apiVersion = isMap(ref) && typeof ref.apiVersion === 'string' ? ref.apiVersion : undefined;
        const namespace = namespaceOf(context, object);
        const found = context
          .objectsNamed(kind, namespace, name)
          .some((m) => apiVersion === undefined || groupOf(m.apiVersion) === groupOf(apiVersion));
        if (found) results.push(pass(object));
        else results.push(fail(`${referenceOf(object)} scales ${kind}/${name}, which is not in the manifests — set ${scaler.field} to ${suggestion}`, object));
      }
    }
    return results;
  },
};

/** The app's Deployment as a scaleTargetRef, when the set has exactly one; else a template. */
function suggestTarget(context: ReviewContext, scaler: ManifestObject): string {
  const apps = context.workloadsIn(namespaceOf(context, scaler)).filter((w) => context.roleOf(w) === 'app');
  const only = apps.length === 1 ? apps[0].manifest : undefined;
  return only
    ? `{ apiVersion: ${only.apiVersion}, kind: ${only.kind}, name: ${only.name} }`
    : '{ apiVersion: apps/v1, kind: Deployment, name: <the Deployment to scale> }';
}

const PROBE_WORDS = { livenessProbe: 'liveness', readinessProbe: 'readiness', startupProbe: 'startup' } as const;

export const PROBES_USE_DECLARED_PORTS: Check = {
  id: 'N3',
  slug: 'probe-ports-declared',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'N',
  title: 'Probes use declared ports',
  severity: 'WARNING',
  verifies:
    'Every httpGet, tcpSocket and grpc probe names a port: a number must be declared by a running container of the same pod (a sidecar serving it ' +
    'counts, the pod shares one network); a name must be declared by the probing container itself, since that is where the kubelet looks it up.',
  fix: 'Probe a port the pod declares in containers[].ports, or declare the port (with its name) in the probing container.',
  run: (context) => {
    const results: CheckResult[] = [];
    for (const workload of context.workloads()) {
      const problems: string[] = [];
      let probes = 0;
      const inPod = podPorts(workload);
      for (const ref of workload.containers) {
        for (const kind of PROBE_KINDS) {
          const probe = probeOf(ref, kind);
          if (!probe) continue;
          const handler = probeHandler(probe);
          if (handler.type === 'exec' || handler.type === 'none') continue;
          probes++;
          const what = `${describeContainer(ref)}: the ${PROBE_WORDS[kind]} probe (${handler.type})`;
          if (handler.port === undefined) {
            problems.push(`${what} names no port — set ${kind}.${handler.type}.port to a port the container declares`);
          } else if (typeof handler.port === 'number') {
            if (!inPod.some((p) => p.port === handler.port)) {
              problems.push(`${what} checks port ${handler.port}, which no container of the pod declares — add containerPort ${handler.port} to the ports of the container that serves it, or probe a declared port`);
            }
          } else if (!portsOfContainer(ref).some((p) => p.name === handler.port)) {
            const elsewhere = inPod.find((p) => p.name === handler.port);
            const hint = elsewhere ? ` (a neighbouring container declares it as ${elsewhere.port}, but probe port names are looked up in the probing container only — use port: ${elsewhere.port})` : '';
            problems.push(`${what} checks port ${showPort(handler.port)}, a port name this container does not declare${hint} — use the port number or declare the name in this container's ports`);
          }
        }
      }
      if (probes === 0) continue;
      if (problems.length === 0) results.push(pass(workload.manifest));
      else for (const problem of problems) results.push(fail(problem, workload.manifest));
    }
    return results;
  },
};

/** Kinds that live outside any namespace. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'PodSecurityPolicy',
  'GatewayClass',
  'VolumeSnapshotClass',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterPolicy',
]);

export const SAME_NAMESPACE: Check = {
  id: 'N4',
  slug: 'app-namespace',
  scope: { namespaced: true },
  group: 'N',
  title: 'Everything in the app namespace',
  severity: 'WARNING',
  verifies:
    'Every namespaced object sets metadata.namespace to the app namespace (the set\'s Namespace object, else the namespace most objects use). ' +
    'Not applicable when no object sets a namespace and the set has no Namespace object.',
  fix: 'Set metadata.namespace to the app namespace on every object.',
  run: (context) => {
    const namespace = context.appNamespace;
    if (namespace === undefined) return [];
    return context.manifests
      .filter((m) => !CLUSTER_SCOPED_KINDS.has(m.kind))
      .map((m) => {
        if (m.namespace === namespace) return pass(m);
        if (m.namespace === undefined) {
          return fail(`${referenceOf(m)} has no namespace, so it lands in whatever namespace it is applied to — set metadata.namespace: ${namespace}`, m);
        }
        return fail(`${referenceOf(m)} is in namespace "${m.namespace}", not the app's namespace "${namespace}" — set metadata.namespace: ${namespace}`, m);
      });
  },
};

export const CONSISTENCY_CHECKS: readonly Check[] = [SERVICES_MATCH_PODS, SCALE_TARGETS_EXIST, PROBES_USE_DECLARED_PORTS, SAME_NAMESPACE];
