import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { arg, dependency, emit, lib, numberArg, runChild } from './common';
import type { ManifestObject } from '../../src/manifests/manifest-object';
import type { ReviewInputs } from '../../src/review/context';
import { repeatSync } from '../stats';

type Manifests = typeof import('../../src/manifests');
type Engine = typeof import('../../src/review/engine');
type Catalogue = typeof import('../../src/review/catalogue');
type Context = typeof import('../../src/review/context');
type ClusterConfigModule = typeof import('../../src/contract/cluster-config');
type Certificate = typeof import('../../src/seal/certificate');
type Network = typeof import('../../src/network');
type Yaml = typeof import('yaml');
type JsYaml = typeof import('js-yaml');

/**
 * `review-child --mode floor|review|checks --dir DIR`: the review gate over a synthesized set,
 * in-process, with the compiled library.
 * - floor: reading the bytes, the bare `yaml` parse (parseAllDocuments, default options), the
 *   CST alone (yaml's Parser + LineCounter: lexing with positions), and js-yaml's bare loadAll
 *   (default options: the parser loadManifests reads with, minus positions and the dialect).
 * - review: loadManifests + review() with the catalogue (minus --exclude), per repetition.
 * - checks: every check timed on its own, after the facts checks share (workloads, the network
 *   model, the secret scan) were computed once; then the policy evaluator
 *   (NetworkModel.fromManifests(...).flows()) on a fresh model; then rounds that run every item
 *   once more each. A `start` line precedes each item of the first pass so the parent knows which
 *   one a time limit stopped; --skip resumes after it, --exclude leaves it out.
 */
runChild(() => {
  const mode = arg('mode');
  const dir = arg('dir');
  if (!dir) throw new Error('--dir is required');
  if (mode === 'floor') floor(dir);
  else if (mode === 'review') reviewRuns(dir);
  else if (mode === 'checks') checks(dir);
  else throw new Error(`unknown --mode ${mode}`);
});

/** The id of the linear control item (bench/review-throughput.ts reads it by this id). */
const CONTROL_ID = 'control: linear pass (role of every workload)';

const bounds = () => ({ min: numberArg('min-reps', 1), max: numberArg('reps', 3), budgetMs: numberArg('budget-ms', 10_000) });

/** The manifest files below a folder, as loadManifests picks them (sorted, no dot-folders). */
function manifestFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    const names = fs.readdirSync(folder).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = path.join(folder, name);
      const stat = fs.statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(name)) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** The first app's folder of a set (one app per subfolder), or the set itself. */
function firstAppFolder(dir: string): string {
  const first = fs.readdirSync(dir).sort().find((name) => fs.statSync(path.join(dir, name)).isDirectory());
  return first ? path.join(dir, first) : dir;
}

function floor(dir: string): void {
  const yaml = dependency<Yaml>('yaml');
  const jsYaml = dependency<JsYaml>('js-yaml');
  const files = manifestFiles(dir);
  // Unmeasured warm-up on the first app's files: the repetitions measure warm code, as the review runs do.
  for (const file of files.slice(0, 12)) {
    const text = fs.readFileSync(file, 'utf8');
    yaml.parseAllDocuments(text);
    jsYaml.loadAll(text);
    for (const token of new yaml.Parser(new yaml.LineCounter().addNewLine).parse(text)) void token;
  }
  // --fast-only: js-yaml's parse alone, the baseline paired with each review run (yaml's slower
  // parse and its CST are measured once per size, for context).
  const fastOnly = process.argv.includes('--fast-only');
  repeatSync(bounds(), (rep) => {
    const start = performance.now();
    let t = performance.now();
    const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
    const readMs = performance.now() - t;

    t = performance.now();
    let documents = 0;
    if (!fastOnly) for (const text of texts) documents += yaml.parseAllDocuments(text).length;
    const parseMs = fastOnly ? undefined : performance.now() - t;

    t = performance.now();
    let fastDocuments = 0;
    for (const text of texts) fastDocuments += jsYaml.loadAll(text).length;
    const fastParseMs = performance.now() - t;
    if (fastOnly) documents = fastDocuments;
    else if (fastDocuments !== documents) throw new Error(`js-yaml read ${fastDocuments} documents, yaml ${documents}`);

    // The CST's share of the parse does not depend on the size: measured on the first repetition only.
    let cstMs: number | undefined;
    if (rep === 0 && !fastOnly) {
      t = performance.now();
      for (const text of texts) {
        const lineCounter = new yaml.LineCounter();
        for (const token of new yaml.Parser(lineCounter.addNewLine).parse(text)) void token;
      }
      cstMs = performance.now() - t;
    }

    const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0);
    const bytesByName: Record<string, number> = {};
    texts.forEach((text, i) => {
      const name = path.basename(files[i]);
      bytesByName[name] = (bytesByName[name] ?? 0) + Buffer.byteLength(text);
    });
    emit({ type: 'floor', rep, files: files.length, bytes, bytesByName, documents, readMs, ...(parseMs === undefined ? {} : { parseMs }), fastParseMs, ...(cstMs === undefined ? {} : { cstMs }) });
    return performance.now() - start;
  });
}

function reviewInputs(manifests: readonly ManifestObject[]): ReviewInputs {
  const { clusterConfigSchema } = lib<ClusterConfigModule>('contract/cluster-config');
  const cert = arg('cert');
  let sealingKeyBytes: number | undefined;
  if (cert) {
    const { readSealingKeyFile, sealingKeyModulusBytes } = lib<Certificate>('seal/certificate');
    sealingKeyBytes = sealingKeyModulusBytes(readSealingKeyFile(cert, { field: '--cert' }));
  }
  return { manifests, cluster: clusterConfigSchema.parse({}), ...(sealingKeyBytes ? { sealingKeyBytes } : {}) };
}

function idList(name: string): Set<string> {
  return new Set((arg(name) ?? '').split(',').filter((id) => id !== ''));
}

function reviewRuns(dir: string): void {
  const { loadManifests } = lib<Manifests>('manifests');
  const { review } = lib<Engine>('review/engine');
  const { CATALOGUE } = lib<Catalogue>('review/catalogue');
  const exclude = idList('exclude');
  const checks = CATALOGUE.filter((check) => !exclude.has(check.id));
  // Unmeasured warm-up on one app: JIT and the secretlint worker; the repetitions measure warm code.
  review(reviewInputs(loadManifests([firstAppFolder(dir)])), checks);
  repeatSync(bounds(), (rep) => {
    const start = performance.now();
    const manifests = loadManifests([dir]);
    const loadMs = performance.now() - start;
    const t = performance.now();
    const report = review(reviewInputs(manifests), checks);
    const reviewMs = performance.now() - t;
    emit({ type: 'review', rep, objects: manifests.length, checks: checks.length, loadMs, reviewMs, findings: report.findings.length });
    return performance.now() - start;
  });
}

function checks(dir: string): void {
  const { ReviewContext } = lib<Context>('review/context');
  const { CATALOGUE } = lib<Catalogue>('review/catalogue');
  const { NetworkModel, clusterActors } = lib<Network>('network');
  // --skip: timed by an earlier child (not reported again); --exclude: stopped at a time limit (never run).
  const skip = idList('skip');
  const exclude = idList('exclude');
  const perItem = { min: 1, max: numberArg('item-reps', 5), budgetMs: numberArg('item-budget-ms', 500) };

  const snapshot = arg('snapshot');
  const t = performance.now();
  let manifests: ManifestObject[];
  const fromSnapshot = snapshot !== undefined && fs.existsSync(snapshot);
  if (fromSnapshot) {
    manifests = v8.deserialize(fs.readFileSync(snapshot)) as ManifestObject[];
  } else {
    manifests = lib<Manifests>('manifests').loadManifests([dir]);
    if (snapshot) fs.writeFileSync(snapshot, v8.serialize(manifests));
  }
  emit({ type: 'loaded', objects: manifests.length, loadMs: performance.now() - t, fromSnapshot });
  const inputs = reviewInputs(manifests);

  type Kind = 'shared' | 'control' | 'check' | 'evaluator';
  /** A run returns a count to report, or its own timing when only part of it is the item. */
  type Run = () => number | void | { readonly results: number; readonly ms: number };
  // A young-generation collection before every timed run (the child runs with --expose-gc): the
  // garbage of the run before is otherwise collected inside whichever item allocates next, which
  // at N=500 made linear checks near the 20 ms verdict floor look quadratic (D3 and E2 measured
  // 14× for 5× the objects in the bench, 4.4× when timed alone).
  const minorGc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  /** One timed run: wall-clock and CPU time (every thread of the process), in ms. */
  const timed = (run: Run): { wall: number; cpu: number; results?: number } => {
    minorGc?.({ type: 'minor' });
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const result = run();
    const elapsed = performance.now() - start;
    const cpuUsed = process.cpuUsage(cpuStart);
    const own = typeof result === 'object' ? result : { results: result ?? undefined, ms: elapsed };
    // CPU time scaled to the part of the run that is the item.
    return { wall: own.ms, cpu: ((cpuUsed.user + cpuUsed.system) / 1000) * (elapsed > 0 ? own.ms / elapsed : 1), results: own.results };
  };
  /** Items run again in the rounds after the first pass (not shared facts: they are cached). */
  const repeatable: { id: string; run: Run; first: number; wall: number[]; cpu: number[] }[] = [];

  /**
   * The first pass over one item (unless excluded, or timed by an earlier child): its first runs,
   * reported at once. Checks, the control and the evaluator steps run again in later rounds.
   */
  const item = (id: string, kind: Kind, run: Run, reps = perItem): void => {
    if (exclude.has(id)) return;
    if (skip.has(id)) {
      // Timed already by an earlier child; a shared fact is still computed, for the checks after it.
      if (kind === 'shared') run();
      else repeatable.push({ id, run, first: 0, wall: [], cpu: [] });
      return;
    }
    emit({ type: 'start', id, kind });
    let counted: number | undefined;
    const wall: number[] = [];
    const cpu: number[] = [];
    repeatSync(reps, (i) => {
      const sample = timed(run);
      if (i === 0) counted = sample.results;
      wall.push(sample.wall);
      cpu.push(sample.cpu);
      return sample.wall;
    });
    emit({ type: 'item', id, kind, wall, cpu, results: counted ?? null });
    if (kind !== 'shared') repeatable.push({ id, run, first: wall[0], wall: [], cpu: [] });
  };
  const once = { min: 1, max: 1, budgetMs: 0 };

  let context = new ReviewContext(inputs);
  // A reference that is linear by construction and touches objects as checks do (labels of every
  // workload): how much the cost per object alone grows with the set (CPU caches, GC). It has its
  // own context, so that it warms none of the facts the items below compute.
  const controlContext = new ReviewContext(inputs);
  const controlWorkloads = controlContext.workloads();
  const control = () => controlWorkloads.map((workload) => controlContext.roleOf(workload)).length;
  item('context: index by kind', 'shared', () => {
    context = new ReviewContext(inputs);
  });
  item('context: workloads()', 'shared', () => context.workloads().length, once);
  item('context: network() (policy evaluator model)', 'shared', () => context.network().pods.length, once);
  // Facts shared by several checks, cached on the context: computed here so each check's time is its own.
  const optional = <T>(modulePath: string): T | undefined => {
    try {
      return lib<T>(modulePath);
    } catch {
      return undefined;
    }
  };
  const facts = optional<typeof import('../../src/review/checks/networking-facts')>('review/checks/networking-facts');
  const actorsModule = optional<typeof import('../../src/network/actors')>('network/actors');
  // Gathered once when the context is built; timed here on its own, as a fresh gathering.
  if (facts && actorsModule) item('shared: NetworkFacts (C checks)', 'shared', () => void new facts.NetworkFacts(context, actorsModule.clusterActors(context.cluster)), once);
  const scan = optional<typeof import('../../src/review/checks/secrets-scan')>('review/checks/secrets-scan');
  if (scan) {
    // The scan alone, over the texts the context gathers (a fresh context would time every fact, not the
    // scan). The context's constructor scanned once already, so secretlint's worker is started.
    const sources = { configMaps: context.ofKind('ConfigMap'), containers: context.containers(), dockerfiles: context.dockerfiles, logs: inputs.logs ?? [] };
    item("shared: secret scan (built-in patterns, and secretlint's rules in its worker)", 'shared', () => void scan.beginReviewScan(sources)(), perItem);
  }

  item(CONTROL_ID, 'control', control, { ...perItem, max: Math.max(perItem.max, 15) });

  for (const check of CATALOGUE) {
    item(check.id, 'check', () => {
      const results = check.run(context);
      return results.length;
    });
  }

  const actors = clusterActors(inputs.cluster);
  const options = { sources: actors.sources, egressProbes: actors.egressProbes };
  const evaluator = { min: 1, max: 3, budgetMs: perItem.budgetMs };
  item('evaluator: NetworkModel.fromManifests', 'evaluator', () => NetworkModel.fromManifests(manifests, options).pods.length, evaluator);
  item('evaluator: flows()', 'evaluator', () => {
    const fresh = NetworkModel.fromManifests(manifests, options);
    const start = performance.now();
    const results = fresh.flows().length;
    return { results, ms: performance.now() - start };
  }, evaluator);

  // Rounds: every item once more per round, round after round, so that a burst of load from other
  // processes (or a stolen CPU on a shared host) hits one sample of an item, not all of them; the
  // parent takes the fastest. Items slower than the cap are not repeated.
  const gc = (globalThis as { gc?: () => void }).gc;
  const roundsStart = Date.now();
  const capMs = numberArg('repeat-cap-ms', 1000);
  for (let round = 0; round < numberArg('rounds', 5) && Date.now() - roundsStart < numberArg('rounds-budget-ms', 10_000); round++) {
    gc?.();
    for (const entry of repeatable) {
      if (entry.first > capMs) continue;
      const sample = timed(entry.run);
      entry.wall.push(sample.wall);
      entry.cpu.push(sample.cpu);
      if (entry.first === 0) entry.first = sample.wall;
      emit({ type: 'tick' });
    }
    emit({ type: 'round', round });
  }
  for (const entry of repeatable) if (entry.wall.length > 0) emit({ type: 'more', id: entry.id, wall: entry.wall, cpu: entry.cpu });
  emit({ type: 'done' });
}
