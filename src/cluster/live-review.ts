import { ClusterError, isApiServerNotFound, KubeApi, mapLimited, type ApiRequest, type ApiResponse, type ClusterOptions } from './kube-api';
import { asManifest, listMany, madeByTheCluster, readNamespaceObject, type LiveObject } from './live-objects';
import { NAMESPACE, NAMESPACE_RESOURCES, objectPath, POD } from './resources';
import { VibeInputError, type InputProblem } from '../contract/errors';
import { DNS_LABEL } from '../contract/patterns';
import { printable } from '../io/printable';
import { reviewScan } from '../review/checks/secrets-scan';
import { ReviewContext, type LogLine, type MetricsSample, type ReviewInputs } from '../review/context';
import type { ReviewReport } from '../review/finding';

/** The flags of `vibe review` that point it at a live namespace. */
export interface LiveReviewFlags extends ClusterOptions {
  readonly live?: boolean;
  readonly namespace?: string;
  readonly logs?: string;
  readonly metricsUrl?: string;
}

/** How many recent lines of each app container's log are read (G3, G5, G6). */
export const LOG_TAIL_LINES = 200;
/** …and at most this many bytes of them. */
const LOG_LIMIT_BYTES = 2 * 1024 * 1024;
/** The app's metrics port and path when its pod does not annotate others (prometheus.io/port, prometheus.io/path). */
const METRICS_PORT = 8081;
const METRICS_PATH = '/metrics';
/** The Accept header of a Prometheus-compatible scraper, so the app answers what the scraper gets. */
const SCRAPE_ACCEPT = 'text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1';
/** A scrape that takes longer is given up (as a scraper would), with a note rather than a failure. */
const METRICS_TIMEOUT_MS = 10_000;
const APP_COMPONENT = 'application';

/** Every problem with the flags of a live review, before anything is read. */
export function checkLiveFlags(paths: readonly string[], flags: LiveReviewFlags): void {
  const problems: InputProblem[] = [];
  if (!flags.live) {
    for (const flag of ['namespace', 'context', 'kubeconfig'] as const) {
      if (flags[flag] !== undefined) problems.push({ field: `--${flag}`, message: 'only applies to a live review; add --live. Example: vibe review --live --namespace platform-vibe-shop' });
    }
  }
  if (flags.live && !flags.namespace) problems.push({ field: '--namespace', message: 'is required with --live: the namespace to review. Example: vibe review --live --namespace platform-vibe-shop' });
  if (flags.namespace !== undefined && !DNS_LABEL.test(flags.namespace)) {
    problems.push({ field: '--namespace', message: `got "${flags.namespace}" — a namespace name is lowercase letters, digits and "-". Example: --namespace platform-vibe-shop` });
  }
  if (flags.live && paths.length > 0) {
    problems.push({ field: 'paths', message: `a live review reads the namespace, not files (got ${paths.join(' ')}). Review either files or --live; to compare both, use vibe diff.` });
  }
  if (flags.live && flags.logs !== undefined) problems.push({ field: '--logs', message: 'cannot be combined with --live: the logs are read from the app\'s pods.' });
  if (flags.live && flags.metricsUrl !== undefined) problems.push({ field: '--metrics-url', message: 'cannot be combined with --live: /metrics is read from the app\'s pods.' });
  if (problems.length > 0) throw new VibeInputError(problems);
}

export interface LiveReview {
  /** The namespace's objects, its app pods' recent logs and /metrics answers, with the other inputs given. */
  readonly inputs: ReviewInputs;
  /** The SECURITY INCIDENT block for stderr when the report has a G6 finding, else undefined. */
  incident(report: ReviewReport): string | undefined;
}

/**
 * Reads a namespace for the review gate: its objects as manifests (`live:<ns>/<Kind>/<name>`),
 * the last lines of every app container's log and each app pod's /metrics answer through the
 * API server's pod proxy. `others` are the inputs that do not come from the cluster (cluster
 * config, certificate, Dockerfiles, source tree).
 */
export async function readLiveReview(flags: LiveReviewFlags, others: Omit<ReviewInputs, 'manifests'>): Promise<LiveReview> {
  const namespace = flags.namespace!;
  const api = await KubeApi.connect(flags);
  const namespaceObject = await readNamespaceObject(api, namespace);
  const { objects, unserved } = await listMany(api, NAMESPACE_RESOURCES.filter((t) => t !== NAMESPACE).map((type) => ({ type })), namespace);
  const notes = unserved.map((t) => `note: the cluster does not serve ${t.kind} (${t.group ? `${t.group}/` : ''}${t.version}); none read.`);

  const pods = objects.filter((o) => o.kind === 'Pod');
  const manifests = [namespaceObject, ...forTheGate(objects)].map((o) => asManifest(o, namespace));
  const appPods = podsToSample(pods);
  const logs = await readLogs(api, namespace, appPods, notes);
  const metrics = await readMetrics(api, namespace, appPods, notes);
  for (const note of notes) process.stderr.write(`${printable(note)}\n`);

  const inputs: ReviewInputs = { ...others, manifests, logs: logs.lines, metrics };
  return { inputs, incident: (report) => incidentBlock(report, inputs, namespace, logs.times) };
}

/**
 * What the gate reviews: everything read except what the cluster made (a ReplicaSet's pods are
 * reviewed once through their Deployment, not once per replica), and without `spec.replicas` on
 * a workload an HPA scales — there the number is the HPA's, not a static count someone committed.
 */
function forTheGate(objects: readonly LiveObject[]): LiveObject[] {
  const scaled = new Set(
    objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler')
      .map((hpa) => `${hpa.spec?.scaleTargetRef?.kind}/${hpa.spec?.scaleTargetRef?.name}`),
  );
  return objects
    .filter((o) => madeByTheCluster(o) === undefined)
    .map((o) => {
      if (!scaled.has(`${o.kind}/${o.metadata?.name}`) || o.spec?.replicas === undefined) return o;
      const { replicas: _, ...spec } = o.spec;
      return { ...o, spec };
    });
}

/** The app's pods (`app.kubernetes.io/component: application`); without that label anywhere, every pod. Pending pods have no logs yet. */
function podsToSample(pods: readonly LiveObject[]): LiveObject[] {
  const started = pods.filter((p) => p.status?.phase !== 'Pending');
  const app = started.filter((p) => p.metadata?.labels?.['app.kubernetes.io/component'] === APP_COMPONENT);
  return (app.length > 0 ? app : started).sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
}

interface LogSample {
  readonly lines: LogLine[];
  /** `source\0line` → the time the API server stamped on the line, for the incident block. */
  readonly times: Map<string, string>;
}

const TIMESTAMPED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) ?(.*)$/;

/**
 * The last LOG_TAIL_LINES lines of each container of each sampled pod, with the API server's
 * timestamps taken off. A pod with one container is the source `<ns>/<pod>`; with several,
 * each container is `<ns>/<pod>/<container>`.
 */
async function readLogs(api: KubeApi, namespace: string, pods: readonly LiveObject[], notes: string[]): Promise<LogSample> {
  const targets = pods.flatMap((pod) => {
    const containers: string[] = (pod.spec?.containers ?? []).map((c: { name?: string }) => String(c.name));
    return containers.map((container) => ({
      pod: String(pod.metadata.name),
      container,
      source: containers.length === 1 ? `${namespace}/${pod.metadata.name}` : `${namespace}/${pod.metadata.name}/${container}`,
    }));
  });
  const texts = await mapLimited(targets, KubeApi.PARALLEL, async ({ pod, container }) => {
    const request: ApiRequest = {
      method: 'GET',
      path: objectPath(POD, namespace, pod, 'log'),
      query: { container, tailLines: LOG_TAIL_LINES, limitBytes: LOG_LIMIT_BYTES, timestamps: true },
      accept: 'text/plain, */*',
      access: { verb: 'get', resource: 'pods/log', namespace },
    };
    const response = await api.send(request);
    if (response.status >= 200 && response.status < 300) return response.text;
    // 400: the container has not started (or was never run); 404: the pod is gone since the list.
    if (response.status === 400 || response.status === 404) {
      notes.push(`note: no logs read from pod ${pod} container ${container} (${response.status === 404 ? 'the pod is gone' : 'not started yet'}).`);
      return '';
    }
    throw api.refusal(request, response);
  });
  const lines: LogLine[] = [];
  const times = new Map<string, string>();
  targets.forEach(({ source }, i) => {
    const raw = texts[i].split('\n');
    if (raw[raw.length - 1] === '') raw.pop();
    raw.forEach((text, index) => {
      const stamped = TIMESTAMPED.exec(text);
      const line = (stamped ? stamped[2] : text).replace(/\r$/, '');
      if (stamped) times.set(`${source}\u0000${index + 1}`, stamped[1]);
      if (line.trim() !== '') lines.push({ source, line: index + 1, text: line });
    });
  });
  return { lines, times };
}

/**
 * Each running sampled pod's /metrics, through the API server's pod proxy, as the scraper would
 * get it (status, content type, body). Without app labels, only pods that expose the metrics
 * port or ask to be scraped are asked. A backend's error is an answer for G2 to judge; the API
 * server refusing (403) is an error.
 */
async function readMetrics(api: KubeApi, namespace: string, pods: readonly LiveObject[], notes: string[]): Promise<MetricsSample[]> {
  const labelled = pods.some((p) => p.metadata?.labels?.['app.kubernetes.io/component'] === APP_COMPONENT);
  const targets = pods
    .filter((p) => p.status?.phase === 'Running' || p.status?.phase === undefined)
    .map((pod) => ({ pod: String(pod.metadata.name), ...metricsEndpoint(pod), declared: declaresPort(pod, metricsEndpoint(pod).port) }))
    .filter((t) => labelled || t.announced || t.declared);
  const samples = await mapLimited(targets, KubeApi.PARALLEL, async ({ pod, port, path }) => {
    const request: ApiRequest = {
      method: 'GET',
      path: `${objectPath(POD, namespace, pod)}:${port}/proxy${path}`,
      accept: SCRAPE_ACCEPT,
      access: { verb: 'get', resource: 'pods/proxy', namespace },
      timeoutMs: METRICS_TIMEOUT_MS,
    };
    let response: ApiResponse;
    try {
      response = await api.send(request);
    } catch (error) {
      // The namespace's NetworkPolicies may (rightly) drop the API server's proxy traffic: that is
      // no verdict on /metrics, which the platform's scraper reaches from its own namespace.
      if (!(error instanceof ClusterError) || !error.timedOut) throw error;
      notes.push(
        `note: /metrics of pod ${pod} did not answer through the API server's pod proxy within ${METRICS_TIMEOUT_MS / 1000} s (NetworkPolicies may block the API server); ` +
          `G2 not checked for it. Try: kubectl -n ${namespace} port-forward pod/${pod} ${port} and vibe review --metrics-url http://localhost:${port}${path}`,
      );
      return undefined;
    }
    if (response.status === 401 || response.status === 403) throw api.refusal(request, response);
    if (response.status === 404 && isApiServerNotFound(response) && response.text.includes('"pods"')) {
      notes.push(`note: no /metrics read from pod ${pod} (the pod is gone).`);
      return undefined;
    }
    const sample: MetricsSample = { source: `${namespace}/${pod}:${port}${path}`, status: response.status, contentType: response.contentType, body: response.text };
    return sample;
  });
  return samples.filter((s): s is MetricsSample => s !== undefined);
}

function metricsEndpoint(pod: LiveObject): { port: number; path: string; announced: boolean } {
  const annotations = pod.metadata?.annotations ?? {};
  const port = /^\d{1,5}$/.test(String(annotations['prometheus.io/port'] ?? '')) ? Number(annotations['prometheus.io/port']) : METRICS_PORT;
  const annotatedPath = String(annotations['prometheus.io/path'] ?? '');
  return { port, path: isConfinedPath(annotatedPath) ? annotatedPath : METRICS_PATH, announced: annotations['prometheus.io/scrape'] === 'true' };
}

/**
 * A pod's own `prometheus.io/path` is someone else's input: the request goes out with the
 * reviewer's token, through the API server's pod proxy. Only a plain path of plain segments is
 * used — no `..` or `.` (raw or %-encoded), no scheme or host, no query, fragment, backslash or
 * control character — so the GET cannot climb out of the pod's proxy to another API path.
 */
export function isConfinedPath(path: string): boolean {
  if (path.length > 256 || !path.startsWith('/') || path.startsWith('//')) return false;
  return path
    .slice(1)
    .split('/')
    .every((segment) => /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/.test(segment) && segment !== '..' && segment !== '.');
}

function declaresPort(pod: LiveObject, port: number): boolean {
  return (pod.spec?.containers ?? []).some((c: { ports?: { containerPort?: number }[] }) => (c.ports ?? []).some((p) => p.containerPort === port));
}

/**
 * The SECURITY INCIDENT block: where sensitive data was logged (namespace, pod, line, time) and
 * what it looked like (the pattern's name) — never the value — and what to do now. Built from the
 * same scan G6 runs, only when the report has a G6 finding.
 */
function incidentBlock(report: ReviewReport, inputs: ReviewInputs, namespace: string, times: ReadonlyMap<string, string>): string | undefined {
  if (!report.findings.some((f) => f.id === 'G6')) return undefined;
  const seen = new Set<string>();
  const entries: string[] = [];
  const pods = new Set<string>();
  let credential = false;
  let personal = false;
  for (const { hit, line } of reviewScan(new ReviewContext(inputs)).logs) {
    const key = `${line.source}\u0000${line.line}\u0000${hit.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [, pod, container] = line.source.split('/');
    pods.add(pod);
    if (hit.category === 'credential') credential = true;
    else personal = true;
    const time = times.get(`${line.source}\u0000${line.line}`);
    entries.push(`  pod ${pod}${container ? ` container ${container}` : ''}, line ${line.line}${time ? ` (logged at ${time})` : ''}: ${hit.name} [pattern ${hit.rule}]`);
  }
  const rule = '='.repeat(72);
  const lines = [
    rule,
    `SECURITY INCIDENT in namespace ${namespace}: sensitive data in the app's logs`,
    rule,
    `Found in the recent logs of ${pods.size} pod${pods.size === 1 ? '' : 's'} (the values are not shown; they are still in the pod logs and in Loki):`,
    ...(entries.length > 0 ? entries : ['  (see the [G6] findings in the report)']),
    `Line numbers count from the first of the last ${LOG_TAIL_LINES} lines read from each container.`,
    'Respond now:',
    `  1. Stop the leak: remove the value from the log call and redeploy, or stop the app: vibe shutdown --namespace ${namespace} --reason "sensitive data in logs"`,
    ...[
      ...(credential ? ['Treat every credential listed above as leaked: rotate it now.'] : []),
      ...(personal ? ['Personal data was logged: tell your data-protection contact; it may have to be reported.'] : []),
      'Ask the platform team to purge these lines from Loki.',
    ].map((step, i) => `  ${i + 2}. ${step}`),
    rule,
  ];
  return `${lines.join('\n')}\n`;
}
