import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { arg, emit, lib, numberArg, runChild } from './common';
import { median, repeatSync } from '../stats';

type LoadInput = typeof import('../../src/inputs/load-input');
type VibeAppModule = typeof import('../../src/constructs/vibe-app');
type SynthGate = typeof import('../../src/review/synth-gate');
type Rendered = typeof import('../../src/synth/rendered-manifests');
type Scanner = typeof import('../../src/review/secrets/scanner');

/**
 * `synth-phases --values FILE --out DIR`: the steps of `vibe synth --values` (src/cli/synth-command.ts)
 * timed one by one in a fresh process: module loading, reading the answers, composing the
 * charts, rendering YAML, the review gate, writing. As the CLI does, the secretlint worker is
 * started first, so it loads on another core while the library loads and synthesizes. The first
 * pass is the cold run a user waits for; the repeats show the warm cost.
 */
runChild(() => {
  const values = arg('values');
  const out = arg('out');
  if (!values || !out) throw new Error('--values and --out are required');
  const processStartToScript = performance.now();

  const t0 = performance.now();
  lib<Scanner>('review/secrets/scanner').startSecretScanner();
  const { loadAppFile } = lib<LoadInput>('inputs/load-input');
  const { VibeApp } = lib<VibeAppModule>('constructs/vibe-app');
  const { gateBeforeWrite } = lib<SynthGate>('review/synth-gate');
  const { renderedManifests } = lib<Rendered>('synth/rendered-manifests');
  const requireMs = performance.now() - t0;

  const pass = (outdir: string) => {
    const phases: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      phases[name] = now - t;
      t = now;
    };
    const loaded = loadAppFile(values);
    lap('read answers (yaml + zod)');
    const app = VibeApp.fromModel(loaded.model, outdir);
    lap('compose charts');
    const files = app.renderUnchecked();
    lap('render (aspects, toJson, YAML)');
    gateBeforeWrite(renderedManifests(files), app.model.cluster, app.model.displayName);
    lap('review gate');
    app.writeFiles(files);
    lap('write files');
    return phases;
  };

  const cold = pass(path.join(out, 'cold'));
  const warmRuns: Record<string, number>[] = [];
  repeatSync({ min: 3, max: numberArg('reps', 15), budgetMs: numberArg('budget-ms', 3000) }, (i) => {
    const start = performance.now();
    warmRuns.push(pass(path.join(out, `warm-${i}`)));
    return performance.now() - start;
  });
  const warm: Record<string, number> = {};
  for (const name of Object.keys(cold)) warm[name] = median(warmRuns.map((r) => r[name]));
  emit({ type: 'result', processStartToScript, requireMs, cold, warm, warmRuns: warmRuns.length });
});
