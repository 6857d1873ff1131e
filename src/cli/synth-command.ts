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
    const kinds = file.objects.map((o) => o.kind).join(', ');
    out.write(`  ${file.name.padEnd(width)}  ${kinds}\n`);
  }
}
