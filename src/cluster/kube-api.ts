import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Types only: the library (ESM, ~0.7 s to load, an optional peer) is loaded in connect(), when a
// command talks to a cluster.
import type { KubeConfig, HttpLibrary } from '@kubernetes/client-node';
import { loadKubeClient, type KubeClient } from './kube-client';
import { VibeInputError } from '../contract/errors';

/** Which cluster to talk to, the way kubectl picks it. */
export interface ClusterOptions {
  /** A context of the kubeconfig; default: its current context. */
  readonly context?: string;
  /** A kubeconfig file; default: KUBECONFIG, then ~/.kube/config, then the pod's service account. */
  readonly kubeconfig?: string;
}

/** What a request is for, in RBAC's words, so a refusal can say exactly which right is missing. */
export interface Access {
  readonly verb: 'get' | 'list' | 'patch';
  /** As RBAC names it: `deployments.apps`, `pods/log`, `services/proxy`. */
  readonly resource: string;
  readonly namespace?: string;
}

export interface ApiRequest {
  readonly method: 'GET' | 'PATCH';
  /** The REST path below the server URL, e.g. `/apis/apps/v1/namespaces/shop/deployments`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** A JSON body (PATCH). */
  readonly body?: unknown;
  readonly contentType?: string;
  /** @default application/json */
  readonly accept?: string;
  readonly access: Access;
  /** The one line to print when the API server answers 404; default: a generic one. */
  readonly notFound?: string;
  /** @default 30 s */
  readonly timeoutMs?: number;
}

export interface ApiResponse {
  readonly status: number;
  readonly contentType?: string;
  readonly text: string;
}

/**
 * A problem with the cluster or the access to it: printed as its one line, exit 2, no stack
 * trace (it is a VibeInputError for the CLI's error handler, with the line as its message).
 */
export class ClusterError extends VibeInputError {
  constructor(
    line: string,
    /** Set when the request got no answer in time (the caller may treat that as an answer). */
    public readonly timedOut = false,
  ) {
    super([{ field: 'cluster', message: line }]);
    this.name = 'ClusterError';
    this.message = line;
  }
}

/** Each request gives up after this long: a command must end, not hang on a black-holed server. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A response body larger than this is cut (a namespace's list is far smaller; a log tail or /metrics too). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * One connection to the Kubernetes API server, configured from the kubeconfig (or the pod's
 * service account) by `@kubernetes/client-node`: its context, TLS, client certificates, tokens,
 * exec and OIDC plugins and proxies all apply. Requests are plain REST calls whose answers are
 * kept as the API server's JSON, so live objects read exactly like manifests from files.
 */
export class KubeApi {
  /** How many requests are in flight at most (a namespace is read in parallel, politely). */
  public static readonly PARALLEL = 4;

  /** Reads the configuration the way kubectl does; every problem is a one-line ClusterError or VibeInputError. */
  static async connect(options: ClusterOptions = {}): Promise<KubeApi> {
    const k8s = await loadKubeClient();
    const config = new k8s.KubeConfig();
    const source = loadConfiguration(config, options);
    const contexts = config.getContexts().map((c) => c.name);
    if (options.context !== undefined) {
      if (!config.getContextObject(options.context)) {
        throw VibeInputError.single('--context', `"${options.context}" is not a context in ${source}; ${contexts.length ? `it has: ${contexts.join(', ')}` : 'it has none'}.`);
      }
      config.setCurrentContext(options.context);
    }
    const cluster = config.getCurrentCluster();
    if (!cluster) {
      const current = config.getCurrentContext();
      const why = current ? `its current context "${current}" names no cluster it defines` : 'it sets no current context';
      throw new ClusterError(`No cluster to talk to: ${why} (${source}). Pass --context <name>${contexts.length ? ` (it has: ${contexts.join(', ')})` : ''}.`);
    }
    if (!cluster.server) throw new ClusterError(`The cluster "${cluster.name}" in ${source} has no server URL.`);
    const http = k8s.createConfiguration().httpApi;
    return new KubeApi(k8s, config, http, cluster.server, config.getCurrentContext() || cluster.name, source);
  }

  private constructor(
    private readonly k8s: KubeClient,
    private readonly config: KubeConfig,
    private readonly http: HttpLibrary,
    /** The API server URL, as the kubeconfig names it. */
    public readonly server: string,
    /** The context used, and where the configuration came from, for messages. */
    public readonly contextName: string,
    public readonly source: string,
  ) {}

  /** Where this connection points, for messages: `https://api… (context "prod")`. */
  get where(): string {
    return `${this.server} (context "${this.contextName}")`;
  }

  /**
   * Sends one request and returns any HTTP answer; only a transport failure (refused, DNS,
   * TLS, timeout, authentication plugin) throws.
   */
  async send(request: ApiRequest): Promise<ApiResponse> {
    const context = new this.k8s.RequestContext(`${this.server.replace(/\/+$/, '')}${request.path}`, this.k8s.HttpMethod[request.method]);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) context.setQueryParam(name, String(value));
    context.setHeaderParam('Accept', request.accept ?? 'application/json');
    if (request.body !== undefined) {
      context.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
      context.setBody(JSON.stringify(request.body));
    }
    const timeoutMs = request.timeoutMs ?? REQUEST_TIMEOUT_MS;
    context.setSignal(AbortSignal.timeout(timeoutMs));
    try {
      await this.config.applySecurityAuthentication(context);
    } catch (error) {
      throw new ClusterError(`Cannot prepare a request to the API server at ${this.where}: ${credentialProblem(error, this.source)}`);
    }
    try {
      const response = await this.http.send(context).toPromise();
      // A declared length above the limit is refused before the body is read. (A body without
      // one is bounded by the request's time limit; client-node gives no stream to cut.)
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > MAX_RESPONSE_BYTES) {
        throw new ClusterError(`The API server at ${this.where} answered ${request.method} ${request.path} with ${declared} bytes, more than the ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB vibe reads. Stopped.`);
      }
      const text = await response.body.text();
      return { status: response.httpStatusCode, contentType: response.headers['content-type'], text: text.length > MAX_RESPONSE_BYTES ? text.slice(0, MAX_RESPONSE_BYTES) : text };
    } catch (error) {
      if (error instanceof ClusterError) throw error;
      const problem = transportProblem(error, timeoutMs);
      throw new ClusterError(
        `Cannot reach the Kubernetes API server at ${this.server} (${problem.text}; context "${this.contextName}" from ${this.source}). ` +
          'Check that the cluster is running and reachable (VPN, proxy) and that --context/--kubeconfig point at it.',
        problem.timedOut,
      );
    }
  }

  /** Sends a request and returns its JSON; anything but a 2xx answer is a one-line ClusterError. */
  async json<T = Record<string, any>>(request: ApiRequest): Promise<T> {
    const response = await this.send(request);
    if (response.status < 200 || response.status > 299) throw this.refusal(request, response);
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new ClusterError(`The API server at ${this.server} answered ${request.method} ${request.path} with something that is not JSON (${describeBody(response)}). Is ${this.server} a Kubernetes API server?`);
    }
  }

  /** The one line for a non-2xx answer: who lacks which right, what does not exist, what failed. */
  refusal(request: ApiRequest, response: ApiResponse): ClusterError {
    const { verb, resource, namespace } = request.access;
    const where = namespace ? ` in namespace "${namespace}"` : '';
    const said = statusMessage(response);
    switch (response.status) {
      case 401:
        return new ClusterError(
          `The API server at ${this.where} did not accept your credentials (401 Unauthorized). Log in again (the token may have expired) and retry.`,
        );
      case 403:
        return new ClusterError(
          `Permission denied: you lack permission to ${verb} ${resource}${where} (403 Forbidden from ${this.server}, context "${this.contextName}"). ` +
            `Ask the platform team for that right (check: ${canI(request.access)}), or use --context with an account that has it.`,
        );
      case 404:
        return new ClusterError(request.notFound ?? `Not found: ${request.method} ${request.path} answered 404 at ${this.where}${said ? ` (${said})` : ''}.`);
      default:
        return new ClusterError(
          `The API server at ${this.where} answered ${response.status} to ${request.method} ${request.path}${said ? `: ${said}` : ` (${describeBody(response)})`}.`,
        );
    }
  }
}

/** The kubectl command that checks a right: `kubectl auth can-i patch deployments.apps --subresource=scale -n shop`. */
function canI({ verb, resource, namespace }: Access): string {
  const [plural, subresource] = resource.split('/');
  return `kubectl auth can-i ${verb} ${plural}${subresource ? ` --subresource=${subresource}` : ''}${namespace ? ` -n ${namespace}` : ''}`;
}

/** Loads `--kubeconfig`, else KUBECONFIG, else ~/.kube/config, else the in-cluster service account; returns where from. */
function loadConfiguration(config: KubeConfig, options: ClusterOptions): string {
  if (options.kubeconfig !== undefined) {
    const file = options.kubeconfig;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw VibeInputError.single('--kubeconfig', `"${file}" ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}. Example: --kubeconfig ~/.kube/config`);
    }
    if (!stat.isFile()) throw VibeInputError.single('--kubeconfig', `"${file}" is not a file. Example: --kubeconfig ~/.kube/config`);
    try {
      config.loadFromFile(file);
    } catch (error) {
      throw VibeInputError.single('--kubeconfig', `"${file}" is not a readable kubeconfig: ${firstLine(error)}.`);
    }
    return `--kubeconfig ${file}`;
  }
  const fromEnv = process.env.KUBECONFIG?.split(path.delimiter).filter(Boolean) ?? [];
  const home = path.join(os.homedir(), '.kube', 'config');
  const source =
    fromEnv.length > 0
      ? `KUBECONFIG=${process.env.KUBECONFIG}`
      : fs.existsSync(home)
        ? home
        : fs.existsSync(IN_CLUSTER_TOKEN) && process.env.KUBERNETES_SERVICE_HOST
          ? 'the pod\'s service account (in-cluster)'
          : undefined;
  if (!source) {
    throw new ClusterError(
      `No Kubernetes cluster configured: no --kubeconfig, KUBECONFIG is not set, ${home} does not exist and this is not a pod in a cluster. ` +
        'Pass --kubeconfig <file> (and --context <name>), or set up kubectl first.',
    );
  }
  try {
    config.loadFromDefault();
  } catch (error) {
    throw new ClusterError(`Cannot read the Kubernetes configuration from ${source}: ${firstLine(error)}.`);
  }
  return source;
}

/** Why the request could not be prepared: an exec/OIDC plugin failed, a certificate file is missing, plain http… */
function credentialProblem(error: unknown, source: string): string {
  const message = firstLine(error);
  if (/HTTP protocol is not allowed/i.test(message)) {
    return `its server URL is plain http://, which the Kubernetes client only accepts with insecure-skip-tls-verify: true (${source}). Use the https:// URL of the API server.`;
  }
  return `${message} (check the user of this context in ${source}).`;
}

/** A transport failure in a few words: `connection refused`, `host not found`, `no answer within 30 s`. */
function transportProblem(error: unknown, timeoutMs: number): { text: string; timedOut: boolean } {
  const e = error as { code?: string; name?: string; type?: string; message?: string; errno?: string };
  if (e.name === 'AbortError' || e.type === 'aborted' || e.name === 'TimeoutError') return { text: `no answer within ${timeoutMs / 1000} s`, timedOut: true };
  return { text: transportWords(e.code ?? e.errno, error), timedOut: false };
}

function transportWords(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its TLS certificate is not trusted (${code}); check certificate-authority-data in the kubeconfig`;
    default:
      return code ? `${code}` : firstLine(error).replace(/^request to \S+ failed, reason: /, '');
  }
}

/** The `message` of a Kubernetes Status answer, when the body is one. */
function statusMessage(response: ApiResponse): string | undefined {
  try {
    const body = JSON.parse(response.text);
    if (body && body.kind === 'Status' && typeof body.message === 'string') return body.message.split('\n')[0];
  } catch {
    // Not JSON: no Status message.
  }
  return undefined;
}

/** True when a 404 is the API server's own (the object does not exist), not a proxied backend's. */
export function isApiServerNotFound(response: ApiResponse): boolean {
  try {
    const body = JSON.parse(response.text);
    return body?.kind === 'Status' && body?.reason === 'NotFound';
  } catch {
    return false;
  }
}

function describeBody(response: ApiResponse): string {
  const type = response.contentType ? `${response.contentType}, ` : '';
  return `${type}${response.text.length} bytes`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] || 'unknown error').replace(/\.$/, '');
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order of the results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
