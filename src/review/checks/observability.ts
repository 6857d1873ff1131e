import { METRICS_PATH, PORTS } from '../../contract/ports';
import { fail, pass, type Check, type CheckResult } from '../check';
import type { Workload } from '../workloads';
import { findFileLogging } from './observability-file-logging';
import { count, fieldProblems, isBlank, jsonObjectOf, logsBySource, someLines } from './observability-logs';
import { checkExposition } from './observability-metrics';
import { listSome, refOf } from './secrets-names';
import { reviewScan, type LogHit } from './secrets-scan';
import { LONG_RUNNING_KINDS, WORKLOAD_KINDS } from '../check-scope';
import { numberOf, textOf } from '../text';
import { asMap, mapsOf } from '../values';

/**
 * Group G, Metrics & logging (G1–G4 and G6 CRITICAL, G5 WARNING): the app can be seen — scraped
 * by VictoriaMetrics, its JSON lines on stdout read by Loki — and its logs leak nothing.
 *
 * G1 reads the manifests; G2 a /metrics answer; G3, G5 and G6 a log sample; G4 the source tree
 * and the manifests. A check whose input was not given is not applicable.
 */

/** Pods that run for good: a Job's pod is gone before the next scrape. */
const SHORT_LIVED_KINDS = new Set(['Job', 'CronJob']);

function declaredPorts(workload: Workload): number[] {
  return workload.containers
    .flatMap(({ container }) => mapsOf(container.ports).map((p) => numberOf(p.containerPort)))
    .filter((p) => Number.isInteger(p));
}

const G1: Check = {
  id: 'G1',
  slug: 'scrape-annotations',
  scope: { kinds: LONG_RUNNING_KINDS, roles: ['app', 'exporter'] },
  group: 'G',
  title: 'Scrape annotations',
  severity: 'CRITICAL',
  verifies:
    'Every long-running app pod template, and every metrics exporter, carries `prometheus.io/scrape: "true"`, `prometheus.io/port` (a port one of its containers declares) ' +
    'and `prometheus.io/path`.',
  fix: 'Add under `spec.template.metadata.annotations`: `prometheus.io/scrape: "true"`, `prometheus.io/port: "8081"`, `prometheus.io/path: "/metrics"`.',
  run(context) {
    const results: CheckResult[] = [];
    for (const workload of context.workloadsWithRole('app', 'exporter')) {
      if (SHORT_LIVED_KINDS.has(workload.manifest.kind)) continue;
      const annotations = asMap(workload.podMetadata.annotations);
      const ports = declaredPorts(workload);
      const isExporter = context.roleOf(workload) === 'exporter';
      const suggestedPort = isExporter ? (ports[0] ?? 9100) : PORTS.http;
      const scrape = annotations['prometheus.io/scrape'];
      const port = annotations['prometheus.io/port'];
      const path = annotations['prometheus.io/path'];
      const missing: string[] = [];
      const wrong: string[] = [];
      if (scrape === undefined) missing.push('prometheus.io/scrape');
      else if (textOf(scrape) !== 'true') wrong.push(`prometheus.io/scrape is "${textOf(scrape)}", not "true"`);
      if (port === undefined) missing.push('prometheus.io/port');
      else if (!/^\d{1,5}$/.test(textOf(port)) || Number(port) < 1 || Number(port) > 65535) wrong.push(`prometheus.io/port "${textOf(port)}" is not a port number`);
      else if (ports.length > 0 && !ports.includes(Number(port))) wrong.push(`prometheus.io/port "${textOf(port)}" is not a port its containers declare (${ports.join(', ')})`);
      if (path === undefined) missing.push('prometheus.io/path');
      else if (!textOf(path).startsWith('/')) wrong.push(`prometheus.io/path "${textOf(path)}" does not start with /`);
      if (missing.length === 0 && wrong.length === 0) {
        results.push(pass(workload.manifest));
        continue;
      }
      const what = [...(missing.length ? [`no ${listSome(missing)} annotation${missing.length > 1 ? 's' : ''} on pod`] : []), ...wrong].join('; ');
      const who = isExporter ? 'the exporter' : 'app';
      results.push(
        fail(
          `${refOf(workload.manifest)}: ${what} — ${who} won't appear in Grafana. Add under spec.template.metadata.annotations: ` +
            `prometheus.io/scrape: "true", prometheus.io/port: "${suggestedPort}", prometheus.io/path: "${METRICS_PATH}"`,
          workload.manifest,
        ),
      );
    }
    return results;
  },
};

const G2: Check = {
  id: 'G2',
  slug: 'prometheus-format',
  scope: { kinds: 'none', inputs: ['metrics'] },
  group: 'G',
  title: 'Metrics in Prometheus format',
  severity: 'CRITICAL',
  input: 'metrics',
  verifies:
    '`/metrics` answers HTTP 200 in the Prometheus text exposition format (`text/plain; version=0.0.4`) or OpenMetrics: `# HELP`, `# TYPE` and ' +
    '`name{label="value"} value [timestamp]` lines, at least one sample; not an HTML page, not JSON.',
  fix: 'Expose the registry of your Prometheus client on /metrics (prom-client `register.metrics()` with `register.contentType`, prometheus_client, promhttp.Handler()).',
  run(context) {
    return (context.inputs.metrics ?? []).map((sample) => {
      const verdict = checkExposition(sample);
      if (verdict.problems.length === 0) return pass(undefined, { file: sample.source });
      return fail(
        `App doesn't expose /metrics in Prometheus format at ${sample.source}: ${verdict.problems.join('; ')} — VictoriaMetrics cannot scrape it. ` +
          'Serve your Prometheus client\'s registry on /metrics, port 8081, with its content type (prom-client: res.set(\'Content-Type\', register.contentType); ' +
          'res.send(await register.metrics()); Python: prometheus_fastapi_instrumentator; Go: promhttp.Handler()).',
        undefined,
        { file: sample.source, line: verdict.line },
      );
    });
  },
};

const G3: Check = {
  id: 'G3',
  slug: 'json-logs',
  scope: { kinds: 'none', inputs: ['logs'] },
  group: 'G',
  title: 'Logs are JSON',
  severity: 'CRITICAL',
  input: 'logs',
  verifies: 'Every non-empty line of the log sample is one JSON object.',
  fix: 'Log one JSON object per line to stdout: pino (Node.js), python-json-logger (Python), zap or slog\'s JSON handler (Go).',
  run(context) {
    const results: CheckResult[] = [];
    for (const [source, lines] of logsBySource(context)) {
      const written = lines.filter((l) => !isBlank(l));
      if (written.length === 0) continue;
      const bad = written.filter((l) => jsonObjectOf(context, l) === null).map((l) => l.line);
      if (bad.length === 0) {
        results.push(pass(undefined, { file: source }));
        continue;
      }
      const share = bad.length === written.length ? `none of the ${count(written.length)} lines is` : `${count(bad.length)} of ${count(written.length)} lines are not`;
      results.push(
        fail(
          `App logs are plaintext (not JSON) — Loki can't parse them: in ${source}, ${share} a JSON object (${someLines(bad)}). ` +
            'Log one JSON object per line to stdout with "time", "level" and "msg": pino (Node.js), python-json-logger (Python), zap or slog (Go).',
          undefined,
          { file: source, line: bad[0] },
        ),
      );
    }
    return results;
  },
};

const G4: Check = {
  id: 'G4',
  slug: 'no-file-logging',
  scope: { kinds: WORKLOAD_KINDS, roles: ['app', 'nginx'], inputs: ['source'] },
  group: 'G',
  title: 'No file logging',
  severity: 'CRITICAL',
  input: 'source',
  verifies:
    'The app\'s source tree configures no file logging (FileHandler, RotatingFileHandler, winston transports.File, logging.basicConfig(filename=…), file appenders, ' +
    '.log files opened for writing…), and no app or nginx container mounts a volume at /var/log or a .log path, or is pointed at a .log file by its env or arguments. ' +
    'A source tree with no app code at all (no program file of a platform runtime besides vibe-env\'s main.ts) fails too: there is nothing to build, and nothing was checked.',
  fix: 'Log to stdout only and remove the log file mount: file logs are invisible to Loki and lost when the pod restarts.',
  run(context) {
    const results: CheckResult[] = [];
    // The manifests: the app's and the proxy's pods (platform components such as rabbitmq keep a
    // scratch log folder that vibe-env configures to log to the console).
    for (const workload of context.workloadsWithRole('app', 'nginx')) {
      const problems: string[] = [];
      for (const ref of workload.containers) {
        const name = textOf(ref.container.name ?? '?');
        for (const mount of Array.isArray(ref.container.volumeMounts) ? ref.container.volumeMounts : []) {
          const at = textOf(mount?.mountPath ?? '').replace(/\/+$/, '');
          if (at === '/var/log' || at.startsWith('/var/log/') || at.endsWith('.log')) problems.push(`container "${name}" mounts a volume at ${at}`);
        }
        for (const entry of Array.isArray(ref.container.env) ? ref.container.env : []) {
          if (typeof entry?.value === 'string' && LOG_FILE_PATH.test(entry.value)) problems.push(`container "${name}" sets ${textOf(entry.name)} to a .log file`);
        }
        const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
        const argv = [...list(ref.container.command), ...list(ref.container.args)];
        if (argv.some((a) => typeof a === 'string' && LOG_FILE_PATH.test(a))) problems.push(`container "${name}" is started with a .log file argument`);
      }
      if (problems.length === 0) {
        results.push(pass(workload.manifest));
      } else {
        results.push(
          fail(
            `${refOf(workload.manifest)}: ${listSome(problems)} — file logs are invisible to Loki and lost when the pod restarts. ` +
              'Log to stdout instead and remove the log file mount and settings.',
            workload.manifest,
          ),
        );
      }
    }
    // The source tree.
    const sourceDir = context.inputs.sourceDir;
    if (sourceDir) {
      const scan = findFileLogging(sourceDir);
      for (const f of scan.findings) {
        results.push(
          fail(
            `${f.file} line ${f.line}: ${f.what} — file-based logging is prohibited: file logs are invisible to Loki and lost when the pod restarts. ` +
              `Log JSON to stdout instead (${f.instead}).`,
            undefined,
            { file: f.file, line: f.line },
          ),
        );
      }
      if (scan.appCodeFiles === 0 && !scan.truncated) {
        results.push(
          fail(
            `${sourceDir} holds no app code: no program file of a runtime the platform builds (.js, .ts, .py, .go, .java, .kt, .rs, .php …) besides vibe-env's main.ts, ` +
              'so there is nothing to build and nothing was checked for file logging. Add the app\'s code (the Dockerfile\'s header says what the runtime needs), or give --src the folder that holds it.',
            undefined,
            { file: sourceDir },
          ),
        );
      } else if (scan.findings.length === 0) {
        results.push(pass(undefined, { file: sourceDir }));
      }
    }
    return results;
  },
};

/** A path to a .log file: `/var/log/app.log`, `logs/app.log`, `--log-file=./x.log` (a slash is required: not `console.log`). */
const LOG_FILE_PATH = /(?:^|[\s=:'"])\.{0,2}[\w.-]*\/[\w./-]*\.log(?![\w.])/;

const G5: Check = {
  id: 'G5',
  slug: 'log-fields',
  scope: { kinds: 'none', inputs: ['logs'] },
  group: 'G',
  title: 'Log fields time, level, msg',
  severity: 'WARNING',
  input: 'logs',
  verifies:
    'Every JSON log line has `time` (ISO 8601 text), `level` (a name such as "info") and `msg` (text), under exactly these names — ' +
    'the names Grafana\'s queries and dashboards read. Lines that are not JSON are G3\'s.',
  fix: 'Name the fields time, level and msg (python-json-logger rename_fields; pino: timestamp: pino.stdTimeFunctions.isoTime and a level formatter).',
  run(context) {
    const results: CheckResult[] = [];
    for (const [source, lines] of logsBySource(context)) {
      const bad: number[] = [];
      const kinds = new Map<string, number>();
      let json = 0;
      for (const line of lines) {
        const object = jsonObjectOf(context, line);
        if (!object) continue;
        json++;
        const problems = fieldProblems(object);
        if (problems.length === 0) continue;
        bad.push(line.line);
        for (const { problem } of problems) kinds.set(problem, (kinds.get(problem) ?? 0) + 1);
      }
      if (json === 0) continue;
      if (bad.length === 0) {
        results.push(pass(undefined, { file: source }));
        continue;
      }
      const what = [...kinds.keys()].slice(0, 4).join(', ');
      results.push(
        fail(
          `Log lines miss the contract fields in ${source}: ${count(bad.length)} of ${count(json)} JSON lines (${someLines(bad)}) — ${what}. ` +
            'Every line needs "time" (ISO 8601), "level" and "msg", e.g. {"time":"2026-01-01T10:00:00Z","level":"info","msg":"Order created"}; ' +
            'Grafana filters on these names. python-json-logger: rename_fields={"asctime": "time", "levelname": "level", "message": "msg"}; ' +
            'pino: timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) }.',
          undefined,
          { file: source, line: bad[0] },
        ),
      );
    }
    return results;
  },
};

/** How to react, by what leaked. */
function incidentAdvice(hit: LogHit['hit']): string {
  return hit.category === 'credential'
    ? 'Treat it as leaked: rotate it now (Loki keeps logs for seven days, readable by everyone with Grafana access), remove it from the log call, and log an id instead.'
    : 'Personal data must never be logged: remove it from the log call (log an id instead) and ask the platform team to purge the lines from Loki.';
}

const G6: Check = {
  id: 'G6',
  slug: 'no-sensitive-logs',
  scope: { kinds: 'none', inputs: ['logs'] },
  group: 'G',
  title: 'No sensitive data in logs',
  severity: 'CRITICAL',
  input: 'logs',
  verifies:
    'No log line holds, anywhere in its message, an e-mail address, a card number (Luhn-checked), a credential field (`password=…`, `"api_key": "…"`, judged by the field\'s ' +
    'words and the value), a bearer token, a private key, a URL with a password or a credential in a known format (the detector\'s rules from gitleaks, secretlint, ' +
    'detect-secrets and Nosey Parker, and secretlint\'s recommended rules). A hit is a security incident; the report names the place and the pattern, never the value.',
  fix: 'Remove the value from the log call, rotate any credential that was logged, and have the lines purged from Loki.',
  run(context) {
    const sources = logsBySource(context);
    if (sources.size === 0) return [];
    const results: CheckResult[] = [];
    const groups = new Map<string, LogHit[]>();
    for (const logHit of reviewScan(context).logs) {
      const key = `${logHit.line.source}\u0000${logHit.hit.rule}`;
      const group = groups.get(key);
      if (group) group.push(logHit);
      else groups.set(key, [logHit]);
    }
    const failedSources = new Set<string>();
    for (const group of groups.values()) {
      const { hit, line } = group[0];
      const lineNumbers = [...new Set(group.map((g) => g.line.line))];
      const more = lineNumbers.length > 1 ? ` (and ${count(lineNumbers.length - 1)} more line${lineNumbers.length > 2 ? 's' : ''}: ${lineNumbers.slice(1, 6).join(', ')}${lineNumbers.length > 6 ? ', …' : ''})` : '';
      failedSources.add(line.source);
      results.push(
        fail(
          `SECURITY INCIDENT: ${hit.name} in the logs — ${line.source} line ${line.line}${more}, pattern "${hit.rule}". ${incidentAdvice(hit)}`,
          undefined,
          { file: line.source, line: line.line },
        ),
      );
    }
    for (const source of sources.keys()) if (!failedSources.has(source)) results.push(pass(undefined, { file: source }));
    return results;
  },
};

export const OBSERVABILITY_CHECKS: readonly Check[] = [G1, G2, G3, G4, G5, G6];
