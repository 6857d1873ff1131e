import type { KitFacts } from './kit-facts';
import type { BusinessMetric } from '../../contract/answers';

/** One file of a contract kit. */
export interface KitFile {
  /** Path inside the creator repository, with '/'. */
  readonly path: string;
  readonly text: string;
  /**
   * `kit`: the contract code (the creator's to read, rarely to change); `sample`: a minimal app,
   * written only when the folder has none; `build`: the runtime's dependency file.
   */
  readonly role: 'kit' | 'sample' | 'build';
}

/** A runtime's contract kit: its files and what AGENTS.md and the README say about it. */
export interface ContractKit {
  readonly files: readonly KitFile[];
  /** The file that holds the contract code (health, metrics, logging, shutdown). */
  readonly kitFile: string;
  /** The file where business metrics are declared. */
  readonly businessFile: string;
  /** The runtime's real libraries the kit uses, `name version`. */
  readonly libraries: readonly string[];
  /** How the creator's code counts a business metric, one line of that language. */
  readonly businessExample: (metric: Required<BusinessMetric>) => string;
  /** How to build and start it locally, one shell line. */
  readonly runLocally: string;
}

/** The comment at the top of every kit file: what it is and what the creator may change. */
export function kitHeader(comment: '//' | '#', lines: readonly string[]): string {
  return [...lines.map((l) => (l === '' ? comment : `${comment} ${l}`)), ''].join('\n');
}

/** The common words of the kit headers. */
export function kitHeaderLines(what: string, mayChange: string): string[] {
  return [
    `${what}`,
    'Written by vibe init: the app\'s half of the platform contract (vibe review checks it).',
    `You may change: ${mayChange}.`,
    'Keep: the ports, the endpoint paths and bodies, the metric names and the log field names;',
    'the platform\'s probes, scraper and dashboards read exactly these.',
  ];
}

/** How a kit keeps the contract, in its own runtime's words where they differ. */
export interface KitPromises {
  /** What /metrics serves. @default 'with the framework metrics and your business metrics' */
  readonly metrics?: string;
  /** How it logs. @default 'one JSON object per log line on stdout' */
  readonly logs?: string;
  /** What happens last on SIGTERM, e.g. 'the process exits'. */
  readonly exit: string;
}

/** The header's list of what the kit answers, from the contract's ports, paths and log fields. */
export function kitPromiseLines(f: KitFacts, promises: KitPromises): string[] {
  const metrics = promises.metrics ?? 'with the framework metrics and your business metrics';
  const logs = promises.logs ?? 'one JSON object per log line on stdout';
  return [
    `- ${f.paths.metrics} on port ${f.ports.http} (your app's port), ${metrics};`,
    `- ${f.paths.liveness}, ${f.paths.readiness}, ${f.paths.info} and ${f.paths.shutdown} on port ${f.ports.mgmt} (management, never public);`,
    `- ${logs}, with "${f.logFields.time}", "${f.logFields.level}" and "${f.logFields.msg}";`,
    `- on SIGTERM: readiness turns OUT_OF_SERVICE, requests in flight finish, then ${promises.exit}.`,
  ];
}

/** Label values used by the sample app when it counts a business metric. */
export function exampleLabels(metric: Required<BusinessMetric>): Record<string, string> {
  return Object.fromEntries(metric.labels.map((l) => [l, 'example']));
}
