import type { MetricsSample } from '../context';

/**
 * G2's reading of a /metrics answer: the Prometheus text exposition format (0.0.4) or
 * OpenMetrics 1.0, as VictoriaMetrics scrapes them.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/
 * @see https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md
 */

const METRIC_NAME = String.raw`[a-zA-Z_:][a-zA-Z0-9_:]*`;
const LABEL_NAME = String.raw`[a-zA-Z_][a-zA-Z0-9_]*`;
const LABEL = String.raw`${LABEL_NAME}[ \t]*=[ \t]*"(?:[^"\\\n]|\\.)*"`;
const LABELS = String.raw`\{[ \t]*(?:${LABEL}(?:[ \t]*,[ \t]*${LABEL})*[ \t]*,?[ \t]*)?\}`;
/** Go's ParseFloat: decimals, exponents, Inf and NaN in any case. */
const VALUE = String.raw`[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])`;
/** 0.0.4: integer milliseconds; OpenMetrics: seconds, possibly fractional. */
const TIMESTAMP = String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`;
const EXEMPLAR = String.raw`[ \t]+#[ \t]+${LABELS}[ \t]+${VALUE}(?:[ \t]+${TIMESTAMP})?`;
const SAMPLE = new RegExp(String.raw`^${METRIC_NAME}(?:${LABELS})?[ \t]+${VALUE}(?:[ \t]+${TIMESTAMP})?(?:${EXEMPLAR})?[ \t]*$`);

const HELP = new RegExp(String.raw`^#[ \t]+HELP[ \t]+${METRIC_NAME}(?:[ \t].*)?$`);
const TYPE = new RegExp(String.raw`^#[ \t]+TYPE[ \t]+${METRIC_NAME}[ \t]+(counter|gauge|histogram|summary|untyped|unknown|gaugehistogram|stateset|info)[ \t]*$`);
const UNIT = new RegExp(String.raw`^#[ \t]+UNIT[ \t]+${METRIC_NAME}(?:[ \t]+\S*)?[ \t]*$`);

/** How many bad lines a finding names. */
const MAX_BAD_LINES = 5;

export interface ExpositionVerdict {
  /** Empty when the answer is Prometheus text format. */
  readonly problems: readonly string[];
  /** The first line that is wrong, when one is. */
  readonly line?: number;
}

/** Content types VictoriaMetrics and Prometheus scrape as text. */
function contentTypeProblem(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.toLowerCase().split(';').map((p) => p.trim());
  const version = params.find((p) => p.startsWith('version='))?.slice('version='.length);
  if (type === 'text/plain') {
    return version === undefined || version === '0.0.4' || version === '1.0.0' ? undefined : `its content type "${contentType}" names an unknown text format version`;
  }
  if (type === 'application/openmetrics-text') return undefined;
  if (type === 'text/html') return `it answers an HTML page (content type "${contentType}"), not metrics`;
  if (type === 'application/json' || type.endsWith('+json')) return `it answers JSON (content type "${contentType}"), not the Prometheus text format`;
  return `its content type is "${contentType}", not "text/plain; version=0.0.4" (Prometheus text) or "application/openmetrics-text"`;
}

/** Checks one /metrics answer: status 200, a text content type, and every line well-formed. */
export function checkExposition(sample: MetricsSample): ExpositionVerdict {
  if (sample.status !== undefined && sample.status !== 200) {
    return { problems: [`it answered HTTP ${sample.status} instead of 200`] };
  }
  const typeProblem = contentTypeProblem(sample.contentType);
  const body = sample.body;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('<')) return { problems: [typeProblem ?? 'it answers an HTML page, not metrics'], line: 1 };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { problems: [typeProblem ?? 'it answers JSON, not the Prometheus text format'], line: 1 };
  if (typeProblem) return { problems: [typeProblem] };
  if (trimmed === '') return { problems: ['it answers an empty body'] };

  const openMetrics = sample.contentType?.toLowerCase().startsWith('application/openmetrics-text') ?? false;
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const bad: number[] = [];
  let samples = 0;
  let eof = -1;
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (eof >= 0) {
      bad.push(i + 1); // nothing may follow "# EOF"
      return;
    }
    if (line.trim() === '') {
      if (openMetrics) bad.push(i + 1);
      return;
    }
    if (line.startsWith('#')) {
      if (line === '# EOF') eof = i;
      else if (/^#[ \t]+HELP[ \t]/.test(line) ? !HELP.test(line) : /^#[ \t]+TYPE[ \t]/.test(line) ? !TYPE.test(line) : /^#[ \t]+UNIT[ \t]/.test(line) && !UNIT.test(line)) bad.push(i + 1);
      return;
    }
    if (SAMPLE.test(line)) samples++;
    else bad.push(i + 1);
  });

  const problems: string[] = [];
  if (bad.length > 0) {
    const shown = bad.slice(0, MAX_BAD_LINES).join(', ');
    problems.push(`${bad.length === 1 ? 'line' : 'lines'} ${shown}${bad.length > MAX_BAD_LINES ? `, … (${bad.length} in all)` : ''} ${bad.length === 1 ? 'is' : 'are'} not in the Prometheus text format (# HELP, # TYPE, or name{label="value"} value)`);
  }
  if (samples === 0 && bad.length === 0) problems.push('it holds no metric samples, only comments');
  if (openMetrics && eof < 0) problems.push('an OpenMetrics answer must end with "# EOF"');
  return { problems, line: bad[0] };
}
