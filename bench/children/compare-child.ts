import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { arg, emit, numberArg, runChild } from './common';

/**
 * `compare-child --lib DIR --dir SET [--reps R] [--cert PEM]`: the review workload of the review
 * section (loadManifests + review() with the whole catalogue, in-process) with the compiled library
 * in DIR, which may be another commit's lib/ (bench/compare-commits.ts runs this child against two
 * of them). It uses only entry points every commit since the review gate has: manifests,
 * review/engine, review/catalogue, contract/cluster-config, seal/certificate, review/secrets/scanner.
 * Besides the review it times the built-in secret patterns alone (scanTexts without secretlint)
 * over the ConfigMap values and plain env values of the set: every text, and each distinct text once.
 */
runChild(() => {
  const libDir = arg('lib');
  const dir = arg('dir');
  if (!libDir || !dir) throw new Error('--lib and --dir are required');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = <T>(modulePath: string): T => require(path.join(path.resolve(libDir), modulePath)) as T;
  const { loadManifests } = load<typeof import('../../src/manifests')>('manifests');
  const { review } = load<typeof import('../../src/review/engine')>('review/engine');
  const { CATALOGUE } = load<typeof import('../../src/review/catalogue')>('review/catalogue');
  const { clusterConfigSchema } = load<typeof import('../../src/contract/cluster-config')>('contract/cluster-config');
  const { scanTexts } = load<typeof import('../../src/review/secrets/scanner')>('review/secrets/scanner');
  const cert = arg('cert');
  let sealingKeyBytes: number | undefined;
  if (cert) {
    const { readSealingKeyFile, sealingKeyModulusBytes } = load<typeof import('../../src/seal/certificate')>('seal/certificate');
    sealingKeyBytes = sealingKeyModulusBytes(readSealingKeyFile(cert, { field: '--cert' }));
  }
  type Manifests = ReturnType<typeof loadManifests>;
  const inputs = (manifests: Manifests) => ({ manifests, cluster: clusterConfigSchema.parse({}), ...(sealingKeyBytes ? { sealingKeyBytes } : {}) });

  // Unmeasured warm-up on the first app: JIT and the secretlint worker, as the review section does.
  const first = fs.readdirSync(dir).sort().find((name) => fs.statSync(path.join(dir, name)).isDirectory());
  review(inputs(loadManifests([first ? path.join(dir, first) : dir])), CATALOGUE);

  const reps = numberArg('reps', 3);
  for (let rep = 0; rep < reps; rep++) {
    (globalThis as { gc?: () => void }).gc?.();
    // CPU time of the process (every thread: the secretlint worker too) beside the wall clock: on a
    // machine other processes load, it moves far less than the wall clock does.
    const cpu = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    let c = cpu();
    let t = performance.now();
    const manifests = loadManifests([dir]);
    const loadMs = performance.now() - t;
    const loadCpuMs = cpu() - c;
    c = cpu();
    t = performance.now();
    const report = review(inputs(manifests), CATALOGUE);
    const reviewMs = performance.now() - t;
    const reviewCpuMs = cpu() - c;

    const texts = scannedTexts(manifests.map((m) => m.object));
    t = performance.now();
    const hits = scanTexts(texts.map((text, i) => ({ id: String(i), text })), { secretlint: false }).length;
    const scanAllMs = performance.now() - t;
    const distinct = [...new Set(texts)];
    t = performance.now();
    scanTexts(distinct.map((text, i) => ({ id: String(i), text })), { secretlint: false });
    const scanDistinctMs = performance.now() - t;
    emit({
      type: 'rep', rep, objects: manifests.length, checks: CATALOGUE.length, findings: report.findings.length, loadMs, reviewMs, loadCpuMs, reviewCpuMs,
      texts: texts.length, distinctTexts: distinct.length, textChars: texts.reduce((n, s) => n + s.length, 0), hits, scanAllMs, scanDistinctMs,
    });
  }
});

/** The ConfigMap data values and the plain env values (`env[].value`) of the objects: what E2 and E5 scan. */
function scannedTexts(objects: readonly unknown[]): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'env' && Array.isArray(value)) {
        for (const entry of value) {
          const v = (entry as { value?: unknown } | null)?.value;
          if (typeof v === 'string' && v !== '') texts.push(v);
        }
      } else walk(value);
    }
  };
  for (const object of objects) {
    const o = object as { kind?: unknown; data?: unknown };
    if (o.kind === 'ConfigMap' && o.data && typeof o.data === 'object') {
      for (const value of Object.values(o.data)) if (typeof value === 'string' && value !== '') texts.push(value);
    }
    walk(object);
  }
  return texts;
}
