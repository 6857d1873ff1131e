import { EXIT } from './exit';
import { findDrift, formatDrift, hasDrift, type DiffOptions } from '../cluster/drift';
import { printable } from '../io/printable';

export type DiffCommandOptions = DiffOptions;

/** `vibe diff <paths...>`: exit 0 without drift, 1 with, 2 on bad input or a refusal. */
export async function runDiff(paths: readonly string[], options: DiffCommandOptions): Promise<void> {
  const report = await findDrift(paths, options);
  for (const note of report.notes) process.stderr.write(`${printable(note)}\n`);
  process.stdout.write(formatDrift(report));
  process.exitCode = hasDrift(report) ? EXIT.findings : EXIT.ok;
}
