import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMainTs, typeCheckMainTs } from './main-ts';
import { VibeApp } from '../constructs/vibe-app';
import { loadAppFiles } from '../inputs/load-input';
import { printable } from '../io/printable';

export interface SynthOptions {
  /** One answers file, or several merged as Helm merges `-f` files. */
  readonly values: string | readonly string[];
  readonly out: string;
}

/** `vibe synth --values <file>… --out <dir>`: validate, render, then write the whole set. */
export function runSynth(options: SynthOptions): void {
  const loaded = loadAppFiles(typeof options.values === 'string' ? [options.values] : options.values);
  const app = VibeApp.fromModel(loaded.model, options.out);
  const files = app.render();
  app.writeFiles(files);

  const out = process.stdout;
  for (const note of loaded.notes) process.stderr.write(`note: ${printable(note)}\n`);
  out.write(`Synthesized "${app.model.displayName}" (namespace ${app.model.namespace}) from ${loaded.format} into ${path.join(options.out, '')}\n`);
  const width = Math.max(...files.map((f) => f.name.length));
  for (const file of files) {
    const kinds = countKinds(file.objects.map((o) => o.kind));
    out.write(`  ${file.name.padEnd(width)}  ${kinds}\n`);
  }
  for (const notice of app.notices) process.stderr.write(`notice: ${notice}\n`);
}

/**
 * `vibe synth --app main.ts`: type-checks main.ts (the compile-time guards stop it here, exit 2),
 * then runs it in this process; its `VibeApp.synthesize` validates, gates and writes as always.
 * Output goes to `--out` unless main.ts names its own outdir.
 */
export function runSynthApp(options: { readonly app: string; readonly out: string }): void {
  typeCheckMainTs(options.app);
  process.env.CDK8S_OUTDIR = options.out;
  const apps = runMainTs(options.app, false);
  // VibeApp.synthesize printed its problems and set the exit code (2 bad answers, 1 the gate).
  if (process.exitCode) return;
  if (apps.length === 0) {
    process.stderr.write(`note: ${options.app} ran but called no VibeApp.synthesize(...), so nothing was written by vibe-env.\n`);
    return;
  }
  for (const app of apps as unknown as { model: { displayName: string; namespace: string }; outdir: string }[]) {
    const files = fs.readdirSync(app.outdir).filter((name) => /^\d\d-.*\.yaml$/.test(name)).sort();
    process.stdout.write(`Synthesized "${app.model.displayName}" (namespace ${app.model.namespace}) from ${options.app} into ${path.relative(process.cwd(), app.outdir) || '.'}/\n`);
    for (const file of files) process.stdout.write(`  ${file}\n`);
  }
}

/** "ServiceAccount, Deployment, Service" or "NetworkPolicy ×10": kinds in order, repeats counted. */
function countKinds(kinds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ');
}
