import * as https from 'node:https';

/** One API server response: status, parsed body and every `Warning` header (admission warnings). */
export interface KubeResponse {
  readonly status: number;
  readonly body: any;
  readonly warnings: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A thin HTTPS client for the test server: raw requests, so warnings and dry-run are visible. */
export class KubeClient {
  private readonly resources = new Map<string, Promise<{ name: string; kind: string; namespaced: boolean }[]>>();

  constructor(readonly server: string, private readonly ca: string, private readonly token: string) {}

  /** The same server as another user. */
  as(token: string): KubeClient {
    return new KubeClient(this.server, this.ca, token);
  }

  request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const url = new URL(path, this.server);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          ca: this.ca,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: 'application/json',
            ...(payload === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // plain-text bodies (healthz) stay text
            }
            const warnings: string[] = [];
            for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() === 'warning') warnings.push(res.rawHeaders[i + 1]);
            resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30s`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** The collection path of an object's kind (found through discovery, cached). */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    if (!this.resources.has(base)) {
      this.resources.set(
        base,
        this.request('GET', base).then((r) => {
          if (r.status !== 200) throw new Error(`discovery of ${base}: HTTP ${r.status}`);
          return (r.body.resources as { name: string; kind: string; namespaced: boolean }[]).filter((x) => !x.name.includes('/'));
        }),
      );
    }
    const resource = (await this.resources.get(base)!).find((r) => r.kind === kind);
    if (!resource) throw new Error(`the server does not serve ${kind} in ${apiVersion}`);
    return resource.namespaced ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
  }

  /** Server-side apply of one object (as `kubectl apply --server-side [--dry-run=server]`). */
  async apply(object: KubeObject, options: { dryRun?: boolean; fieldManager?: string } = {}): Promise<KubeResponse> {
    const collection = await this.collectionPath(object.apiVersion, object.kind, object.metadata.namespace);
    const query = new URLSearchParams({ fieldManager: options.fieldManager ?? 'vibe-env-test', force: 'true' });
    if (options.dryRun) query.set('dryRun', 'All');
    return this.request('PATCH', `${collection}/${encodeURIComponent(object.metadata.name)}?${query}`, object, 'application/apply-patch+yaml');
  }

  /** Creates an object; with `dryRun`, admission runs and nothing is stored. */
  async create(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<KubeResponse> {
    const collection = await this.collectionPath(object.apiVersion, object.kind, object.metadata.namespace);
    return this.request('POST', `${collection}${options.dryRun ? '?dryRun=All' : ''}`, object);
  }

  async get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<KubeResponse> {
    return this.request('GET', `${await this.collectionPath(apiVersion, kind, namespace)}/${encodeURIComponent(name)}`);
  }
}

/** Fails with the server's message unless the response is a success. */
export function expectOk(response: KubeResponse, what: string): KubeResponse {
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${what}: HTTP ${response.status} ${typeof response.body === 'object' ? response.body.message : response.body}`);
  }
  return response;
}
