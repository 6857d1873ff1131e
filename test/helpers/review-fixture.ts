import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fixtureKindOf, type FixtureKind } from './fixture-expectations';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import type { LogLine, MetricsSample, ReviewInputs } from '../../src/review/context';

/**
 * Turns a check fixture into review inputs. A fixture is a file or a folder under
 * test/checks/<ID>/ named `pass.<what>`, `fail.<what>` or `na.<what>` (what each expects: fixture-expectations.ts):
 * - `*.yaml`: manifests;  `*.Dockerfile`: a Dockerfile;  `*.log`: a log sample;
 *   `*.metrics`: a /metrics body (first line `# content-type: …` sets the content type);
 * - a folder: any of the above, plus `src/` (a source tree), `cluster.yaml` (cluster config),
 *   `sealing-key-bytes.txt` (the controller key size, for E7).
 */
export function fixtureInputs(fixture: string): ReviewInputs {
  const files = fs.statSync(fixture).isDirectory() ? listFiles(fixture) : [fixture];
  let cluster: unknown = {};
  const inputs: { -readonly [K in keyof ReviewInputs]: ReviewInputs[K] } = { manifests: [], cluster: clusterConfigSchema.parse({}) };
  const manifests = [];
  const dockerfiles = [];
  const logs: LogLine[] = [];
  const metrics: MetricsSample[] = [];
  for (const file of files) {
    const base = path.basename(file);
    const text = fs.readFileSync(file, 'utf8');
    if (base === 'cluster.yaml') {cluster = parseYaml(text);} else if (base === 'sealing-key-bytes.txt') {inputs.sealingKeyBytes = Number(text.trim());} else if (file.includes(`${path.sep}src${path.sep}`)) {continue;} else if (base.endsWith('.yaml') || base.endsWith('.yml')) {manifests.push(...parseManifests(text, file));} else if (base.endsWith('Dockerfile')) {dockerfiles.push({ file, text });} else if (base.endsWith('.log')) {text.split('\n').forEach((line, i) => line && logs.push({ source: file, line: i + 1, text: line }));} else if (base.endsWith('.metrics')) {
      const header = /^# content-type: (.+)\n/.exec(text);
      metrics.push({ source: file, contentType: header?.[1] ?? 'text/plain; version=0.0.4', status: 200, body: header ? text.slice(header[0].length) : text });
    }
  }
  inputs.cluster = clusterConfigSchema.parse(cluster);
  inputs.manifests = manifests;
  if (dockerfiles.length) inputs.dockerfiles = dockerfiles;
  if (logs.length) inputs.logs = logs;
  if (metrics.length) inputs.metrics = metrics;
  if (fs.statSync(fixture).isDirectory() && fs.existsSync(path.join(fixture, 'src'))) inputs.sourceDir = path.join(fixture, 'src');
  return inputs;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** Every fixture of a check: `[kind, path]`, named `pass.…`, `fail.…` or `na.…` (not applicable). */
export function fixturesOf(checkDir: string): [FixtureKind, string][] {
  if (!fs.existsSync(checkDir)) return [];
  return fs
    .readdirSync(checkDir)
    .sort()
    .flatMap((name): [FixtureKind, string][] => {
      const kind = fixtureKindOf(name);
      return kind ? [[kind, path.join(checkDir, name)]] : [];
    });
}
