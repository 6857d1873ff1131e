import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { emptyState, type K8sObject, type StandInState } from './stand-in';

/**
 * A namespace "as deployed": the committed manifests of a folder turned into what the API
 * server would hand back after `kubectl apply` — uids, resourceVersions, managedFields, the
 * last-applied annotation, status, the defaults it fills in — plus what controllers add: a
 * running pod per workload (owned by a ReplicaSet), the Secret the SealedSecret unsealed, the
 * CA ConfigMap and `default` ServiceAccount of every namespace.
 */

export const EXAMPLE_K8S = path.resolve(__dirname, '..', '..', 'golden', 'inventory-checker');

let counter = 0;
const uid = () => {
  const hex = createHash('sha256').update(String(++counter)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
const NOW = '2026-03-14T09:00:00Z';

/** The objects of every manifest file of a folder. */
export function readManifestFolder(dir: string): K8sObject[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()))
    .filter((o): o is K8sObject => Boolean(o && typeof o === 'object' && o.kind));
}

export interface LiveNamespace {
  readonly name: string;
  readonly state: StandInState;
  /** Names of the pods made for each workload: `Deployment/x` → pod names. */
  readonly pods: Map<string, string[]>;
}

/** A stand-in state holding the folder's namespace as deployed, app logs JSON and /metrics healthy. */
export function liveNamespace(dir = EXAMPLE_K8S): LiveNamespace {
  const state = emptyState();
  const committed = readManifestFolder(dir);
  const namespaceManifest = committed.find((o) => o.kind === 'Namespace');
  if (!namespaceManifest) throw new Error(`${dir} has no Namespace`);
  const name: string = namespaceManifest.metadata.name;
  state.namespaces.set(name, applied(namespaceManifest, undefined, { spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }));
  state.namespaces.get(name)!.metadata.labels['kubernetes.io/metadata.name'] = name;

  const hpaTargets = new Set(committed.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((h) => `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`));
  const pods = new Map<string, string[]>();
  for (const manifest of committed) {
    if (manifest.kind === 'Namespace') continue;
    const object = applied(manifest, name);
    state.objects.push(object);
    if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
      // The API server defaults replicas to 1; the HPA has set its minimum on the app.
      object.spec.replicas ??= hpaTargets.has(`${object.kind}/${object.metadata.name}`) ? 2 : 1;
      const replicas = object.spec.replicas;
      object.status = { observedGeneration: 1, replicas, readyReplicas: replicas, availableReplicas: replicas };
      const pod = runningPod(object, name);
      state.objects.push(pod);
      pods.set(`${object.kind}/${object.metadata.name}`, [pod.metadata.name]);
      const app = pod.metadata.labels?.['app.kubernetes.io/component'] === 'application';
      for (const container of pod.spec.containers) {
        state.logs.set(`${name}/${pod.metadata.name}/${container.name}`, app ? cleanAppLog() : `${container.name} started\n`);
      }
      if (app) state.metrics.set(`${name}/${pod.metadata.name}:8081/metrics`, healthyMetrics());
    }
    if (object.kind === 'SealedSecret') {
      state.objects.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: object.metadata.name,
          namespace: name,
          uid: uid(),
          resourceVersion: '2001',
          labels: object.spec.template?.metadata?.labels,
          ownerReferences: [{ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name: object.metadata.name, uid: object.metadata.uid, controller: true }],
        },
        type: 'Opaque',
        data: Object.fromEntries(Object.keys(object.spec.encryptedData).map((k) => [k, Buffer.from(`unsealed-${k}`).toString('base64')])),
      });
    }
  }
  state.objects.push(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: name, uid: uid() }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name, uid: uid() } },
  );
  return { name, state, pods };
}

/** What `kubectl apply` of a manifest leaves in the API server. */
function applied(manifest: K8sObject, namespace: string | undefined, extra: K8sObject = {}): K8sObject {
  const object: K8sObject = structuredClone(manifest);
  const metadata = object.metadata;
  if (namespace) metadata.namespace = namespace;
  metadata.uid = uid();
  metadata.resourceVersion = String(1000 + counter);
  metadata.creationTimestamp = NOW;
  metadata.generation = 1;
  metadata.annotations = { ...metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(manifest)}\n` };
  metadata.managedFields = [{ manager: 'argocd-controller', operation: 'Apply', apiVersion: object.apiVersion, time: NOW, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} } }];
  Object.assign(object, extra);
  withDefaults(object);
  return object;
}

/** Some of the defaults the API server fills in, so tests see what a real read returns. */
function withDefaults(object: K8sObject): void {
  const podSpec = (spec: K8sObject | undefined) => {
    if (!spec) return;
    spec.dnsPolicy ??= 'ClusterFirst';
    spec.restartPolicy ??= 'Always';
    spec.schedulerName ??= 'default-scheduler';
    spec.terminationGracePeriodSeconds ??= 30;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.imagePullPolicy ??= 'IfNotPresent';
      for (const port of c.ports ?? []) port.protocol ??= 'TCP';
    }
  };
  switch (object.kind) {
    case 'Deployment':
      object.spec.progressDeadlineSeconds ??= 600;
      object.spec.revisionHistoryLimit ??= 10;
      object.spec.template.metadata.creationTimestamp = null;
      podSpec(object.spec.template.spec);
      break;
    case 'Service':
      object.spec.type ??= 'ClusterIP';
      object.spec.clusterIP = '10.43.12.7';
      object.spec.clusterIPs = ['10.43.12.7'];
      object.spec.ipFamilies = ['IPv4'];
      object.spec.sessionAffinity = 'None';
      for (const port of object.spec.ports ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      object.status = { loadBalancer: {} };
      break;
    case 'PersistentVolumeClaim':
      object.spec.volumeMode ??= 'Filesystem';
      object.spec.volumeName = `pvc-${object.metadata.uid}`;
      object.status = { phase: 'Bound', capacity: { storage: object.spec.resources.requests.storage } };
      break;
    case 'HorizontalPodAutoscaler':
      object.status = { currentReplicas: 2, desiredReplicas: 2 };
      break;
    default:
      break;
  }
}

/** The pod a ReplicaSet of the workload runs: its template, defaults, Running status. */
function runningPod(workload: K8sObject, namespace: string): K8sObject {
  const hash = createHash('sha256').update(workload.metadata.name).digest('hex');
  const replicaSet = `${workload.metadata.name}-${hash.slice(0, 10)}`;
  const podName = `${replicaSet}-${hash.slice(10, 15)}`;
  const template = structuredClone(workload.spec.template);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...template.metadata,
      creationTimestamp: NOW,
      name: podName,
      namespace,
      uid: uid(),
      resourceVersion: '3001',
      labels: { ...template.metadata?.labels, 'pod-template-hash': hash.slice(0, 10) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet, uid: uid(), controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...template.spec, nodeName: 'node-1', serviceAccountName: template.spec.serviceAccountName ?? 'default' },
    status: {
      phase: 'Running',
      podIP: '10.42.0.17',
      containerStatuses: template.spec.containers.map((c: K8sObject) => ({ name: c.name, ready: true, restartCount: 0, image: c.image })),
    },
  };
}

/** Ten lines of the JSON the logging contract asks for. */
export function cleanAppLog(extra: readonly string[] = []): string {
  const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ time: `2026-03-14T09:26:${String(10 + i).padStart(2, '0')}.000Z`, level: 'info', msg: `checked stock of item ${i}` }));
  return `${[...lines.slice(0, 3), ...extra, ...lines.slice(3)].join('\n')}\n`;
}

export function healthyMetrics(): { status: number; contentType: string; body: string } {
  return {
    status: 200,
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    body: [
      '# HELP http_requests_total Requests handled.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",route="/items",status="200"} 1027',
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes 7.1303168e+07',
      '',
    ].join('\n'),
  };
}

/** Finds a live object (to change it as a test's drift). */
export function liveObject(state: StandInState, kind: string, name: string): K8sObject {
  const object = state.objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`no live ${kind}/${name}`);
  return object;
}
