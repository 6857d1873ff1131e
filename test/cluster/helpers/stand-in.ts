import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/**
 * A stand-in for the Kubernetes API server, for the cluster commands' tests: node:http on
 * 127.0.0.1 and a random port, answering the REST paths the commands use with the JSON a real
 * API server sends (lists without per-item kind, Status objects for errors, PartialObjectMetadata
 * for metadata-only lists, plain-text logs, the service and pod proxies, the scale subresource,
 * merge patches) and recording every request. Its path table is written out here on purpose,
 * independently of src/cluster, so the tests check the paths against Kubernetes, not against
 * the code under test.
 */

export type K8sObject = Record<string, any>;

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body?: unknown;
  readonly headers: { readonly authorization?: string; readonly contentType?: string; readonly accept?: string };
}

export interface MetricsAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface StandInState {
  /** Namespaces by name. */
  readonly namespaces: Map<string, K8sObject>;
  /** Namespaced objects, each with apiVersion, kind, metadata.name and metadata.namespace. */
  readonly objects: K8sObject[];
  /** `<ns>/<pod>/<container>` → the container's log (lines ending in \n). */
  readonly logs: Map<string, string>;
  /** `<ns>/<pod>:<port><path>` → what the pod answers through the pod proxy. */
  readonly metrics: Map<string, MetricsAnswer>;
  /** `<ns>/<service>` → what the service answers on /v1/cert.pem through the service proxy. */
  readonly certificates: Map<string, string>;
  /** Requests answered with 403 Forbidden. */
  readonly forbidden: { readonly method?: string; readonly path: RegExp }[];
}

export function emptyState(): StandInState {
  return { namespaces: new Map(), objects: [], logs: new Map(), metrics: new Map(), certificates: new Map(), forbidden: [] };
}

/** The resource types the stand-in serves: REST root → plural → kind. */
const TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/api/v1': {
    pods: 'Pod',
    services: 'Service',
    configmaps: 'ConfigMap',
    secrets: 'Secret',
    persistentvolumeclaims: 'PersistentVolumeClaim',
    serviceaccounts: 'ServiceAccount',
  },
  '/apis/apps/v1': { deployments: 'Deployment', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet' },
  '/apis/batch/v1': { jobs: 'Job', cronjobs: 'CronJob' },
  '/apis/networking.k8s.io/v1': { ingresses: 'Ingress', networkpolicies: 'NetworkPolicy' },
  '/apis/bitnami.com/v1alpha1': { sealedsecrets: 'SealedSecret' },
  '/apis/autoscaling/v2': { horizontalpodautoscalers: 'HorizontalPodAutoscaler' },
  '/apis/policy/v1': { poddisruptionbudgets: 'PodDisruptionBudget' },
};

const USER = 'system:serviceaccount:ci:vibe-reviewer';

export class StandIn {
  static async start(state: StandInState = emptyState()): Promise<StandIn> {
    const standIn = new StandIn(state);
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  public readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;
  private resourceVersion = 1000;

  private constructor(public readonly state: StandInState) {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request, Buffer.concat(chunks).toString('utf8'), response));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Every request that could change something (anything but GET). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** A kubeconfig for the stand-in with a token user, written to `dir`. */
  kubeconfig(dir: string, options: { server?: string; token?: string } = {}): string {
    const file = path.join(dir, 'kubeconfig');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '  - name: stand-in',
        '    cluster:',
        `      server: ${options.server ?? this.url}`,
        // The client refuses plain http:// unless TLS verification is explicitly off.
        '      insecure-skip-tls-verify: true',
        'users:',
        '  - name: reviewer',
        '    user:',
        `      token: ${options.token ?? 'stand-in-token'}`,
        'contexts:',
        '  - name: stand-in',
        '    context: { cluster: stand-in, user: reviewer, namespace: default }',
        'current-context: stand-in',
        '',
      ].join('\n'),
    );
    return file;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: http.IncomingMessage, bodyText: string, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const method = request.method ?? 'GET';
    let body: unknown = bodyText || undefined;
    try {
      if (bodyText) body = JSON.parse(bodyText);
    } catch {
      // Not JSON: recorded as text.
    }
    const record: RecordedRequest = {
      method,
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body,
      headers: { authorization: request.headers.authorization, contentType: request.headers['content-type'], accept: request.headers.accept },
    };
    this.requests.push(record);
    const send = (code: number, payload: unknown, contentType = 'application/json') => {
      response.writeHead(code, { 'Content-Type': contentType });
      response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    try {
      if (record.headers.authorization !== 'Bearer stand-in-token') {
        send(401, status(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
      if (this.state.forbidden.some((f) => (!f.method || f.method === method) && f.path.test(record.path))) {
        send(403, forbidden(method, record.path));
        return;
      }
      const [code, payload, contentType] = this.route(method, record, url.searchParams);
      send(code, payload, contentType);
    } catch (error) {
      send(500, status(500, 'InternalError', (error as Error).message));
    }
  }

  private route(method: string, request: RecordedRequest, query: URLSearchParams): [number, unknown, string?] {
    const p = request.path;
    let m: RegExpExecArray | null;

    if ((m = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(p))) {
      const namespace = this.state.namespaces.get(m[1]);
      if (!namespace) return [404, status(404, 'NotFound', `namespaces "${m[1]}" not found`, { name: m[1], kind: 'namespaces' })];
      if (method === 'GET') return [200, namespace];
      if (method === 'PATCH') {
        if (request.headers.contentType !== 'application/merge-patch+json') return [415, status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format')];
        const patch = request.body as K8sObject;
        namespace.metadata.annotations = { ...namespace.metadata.annotations, ...patch.metadata?.annotations };
        namespace.metadata.resourceVersion = String(++this.resourceVersion);
        return [200, namespace];
      }
    }

    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)$/.exec(p)) && method === 'GET') {
      // The service reference is [scheme:]name[:port]; kubeseal asks for http:<name>: (the first port).
      const [, namespace, reference, rest] = m;
      const name = reference.split(':').length === 3 ? reference.split(':')[1] : reference.split(':')[0];
      const pem = this.state.certificates.get(`${namespace}/${name}`);
      if (pem === undefined) return [404, status(404, 'NotFound', `services "${name}" not found`, { name, kind: 'services' })];
      if (rest !== '/v1/cert.pem') return [404, '404 page not found\n', 'text/plain; charset=utf-8'];
      return [200, pem, 'text/plain; charset=utf-8'];
    }

    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/:]+):(\d+)\/proxy(\/.*)$/.exec(p)) && method === 'GET') {
      const [, namespace, pod, port, rest] = m;
      if (!this.find('Pod', namespace, pod)) return [404, status(404, 'NotFound', `pods "${pod}" not found`, { name: pod, kind: 'pods' })];
      const answer = this.state.metrics.get(`${namespace}/${pod}:${port}${rest}`);
      if (!answer) return [503, status(503, 'ServiceUnavailable', `error trying to reach service: dial tcp 10.42.0.17:${port}: connect: connection refused`)];
      return [answer.status, answer.body, answer.contentType];
    }

    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(p)) && method === 'GET') {
      const [, namespace, pod] = m;
      const object = this.find('Pod', namespace, pod);
      if (!object) return [404, status(404, 'NotFound', `pods "${pod}" not found`, { name: pod, kind: 'pods' })];
      const containers: string[] = object.spec.containers.map((c: K8sObject) => c.name);
      const container = query.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
      if (!container) return [400, status(400, 'BadRequest', `a container name must be specified for pod ${pod}, choose one of: [${containers.join(' ')}]`)];
      if (!containers.includes(container)) return [400, status(400, 'BadRequest', `container ${container} is not valid for pod ${pod}`)];
      let lines = (this.state.logs.get(`${namespace}/${pod}/${container}`) ?? '').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const tail = query.get('tailLines');
      if (tail !== null) lines = lines.slice(Math.max(0, lines.length - Number(tail)));
      if (query.get('timestamps') === 'true') lines = lines.map((line, i) => `2026-03-14T09:26:${String(10 + (i % 50)).padStart(2, '0')}.123456789Z ${line}`);
      return [200, lines.map((l) => `${l}\n`).join(''), 'text/plain'];
    }

    if ((m = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/(deployments|statefulsets)\/([^/]+)\/scale$/.exec(p))) {
      const [, namespace, plural, name] = m;
      const object = this.find(plural === 'deployments' ? 'Deployment' : 'StatefulSet', namespace, name);
      if (!object) return [404, status(404, 'NotFound', `${plural}.apps "${name}" not found`, { name, group: 'apps', kind: plural })];
      if (method === 'PATCH') {
        if (request.headers.contentType !== 'application/merge-patch+json') return [415, status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format')];
        const replicas = (request.body as K8sObject)?.spec?.replicas;
        if (typeof replicas !== 'number') return [422, status(422, 'Invalid', 'spec.replicas: Required value')];
        object.spec.replicas = replicas;
        object.metadata.resourceVersion = String(++this.resourceVersion);
      } else if (method !== 'GET') {
        return [405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')];
      }
      return [200, scaleOf(object)];
    }

    // Collections: /api/v1/namespaces/<ns>/<plural> and /apis/<group>/<version>/namespaces/<ns>/<plural>
    if ((m = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)$/.exec(p)) && method === 'GET') {
      const [, root, namespace, plural] = m;
      const kind = TYPES[root]?.[plural];
      if (!kind) return [404, status(404, 'NotFound', 'the server could not find the requested resource')];
      const selector = query.get('labelSelector');
      const items = this.state.objects
        .filter((o) => o.kind === kind && o.metadata.namespace === namespace && `/${o.apiVersion.includes('/') ? 'apis' : 'api'}/${o.apiVersion}` === root)
        .filter((o) => matches(o.metadata.labels ?? {}, selector));
      const metadataOnly = (request.headers.accept ?? '').includes('as=PartialObjectMetadataList');
      const listMeta = { resourceVersion: String(this.resourceVersion) };
      if (metadataOnly) {
        // As kube-apiserver does (seen in test/real-cluster): an empty metadata-only list has `"items": null`.
        const metadataItems = items.length ? items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })) : null;
        return [200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, items: metadataItems }];
      }
      // As the API server does: list items carry neither kind nor apiVersion.
      return [200, { kind: `${kind}List`, apiVersion: root.replace(/^\/apis?\//, ''), metadata: listMeta, items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest) }];
    }

    return [404, status(404, 'NotFound', 'the server could not find the requested resource')];
  }

  private find(kind: string, namespace: string, name: string): K8sObject | undefined {
    return this.state.objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
  }
}

/** A `metav1.Status` as the API server sends with every error. */
function status(code: number, reason: string, message: string, details?: Record<string, string>): K8sObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** The API server's 403, worded as RBAC words it. */
function forbidden(method: string, requestPath: string): K8sObject {
  const m = /^\/apis?\/(?:([^/]+)\/)?v[^/]*\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?/.exec(requestPath);
  const [group, namespace, plural, name, sub] = m ? [m[1] === 'v1' ? '' : m[1] ?? '', m[2], m[3], m[4], m[5]] : ['', '', 'namespaces', '', ''];
  const verb = method === 'PATCH' ? 'patch' : name ? 'get' : 'list';
  const resource = sub ? `${plural}/${sub}` : plural;
  const groupText = group ? `"${group}"` : '""';
  return status(403, 'Forbidden', `${plural}${group ? `.${group}` : ''} is forbidden: User "${USER}" cannot ${verb} resource "${resource}" in API group ${groupText} in the namespace "${namespace}"`, {
    kind: plural,
    ...(group ? { group } : {}),
  });
}

function scaleOf(object: K8sObject): K8sObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
    },
    spec: { replicas: object.spec.replicas },
    status: { replicas: object.status?.replicas ?? 0, selector: Object.entries(object.spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') },
  };
}

/** Equality-based label selectors (`a=b,c=d`), which is all the commands send. */
function matches(labels: Record<string, string>, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return labels[key] === value;
  });
}
