import * as path from 'node:path';
import { VibeApp } from '../constructs/vibe-app';
import { loadAppFile } from '../inputs/load-input';

export interface SynthOptions {
  readonly values: string;
  readonly out: string;
}

/** `vibe synth --values <file> --out <dir>`: validate, render, then write the whole set. */
export function runSynth(options: SynthOptions): void {
  const loaded = loadAppFile(options.values);
  const app = VibeApp.fromModel(loaded.model, options.out);
  const files = app.render();
  app.writeFiles(files);

  const out = process.stdout;
  for (const note of loaded.notes) process.stderr.write(`note: ${note}\n`);
  out.write(`Synthesized "${app.model.displayName}" (namespace ${app.model.namespace}) from ${loaded.format} into ${path.join(options.out, '')}\n`);
  const width = Math.max(...files.map((f) => f.name.length));
  for (const file of files) {
    const kinds = countKinds(file.objects.map((o) => o.kind));
    out.write(`  ${file.name.padEnd(width)}  ${kinds}\n`);
  }
  for (const notice of app.notices) process.stderr.write(`notice: ${notice}\n`);
}

/** "ServiceAccount, Deployment, Service" or "NetworkPolicy ×10": kinds in order, repeats counted. */
function countKinds(kinds: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ');
}
