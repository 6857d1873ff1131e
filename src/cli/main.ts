#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { reportAndExit } from './exit';

/**
 * The `vibe` command. Thin: each subcommand parses its flags and calls the library. Command
 * modules are imported only when their command runs, so `vibe --help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('vibe')
    .description('Five answers in, a hardened Kubernetes namespace out.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run vibe --help for usage)')
    .exitOverride();

  program
    .command('synth')
    .description('Write the numbered manifest set for an app from its answers file (vibe.yaml or Helm values.yaml).')
    .requiredOption('-f, --values <file>', 'answers file: vibe.yaml, or the Helm chart values.yaml')
    .option('-o, --out <dir>', 'output folder', 'k8s')
    .action(async (options: { values: string; out: string }) => {
      (await import('./synth-command')).runSynth(options);
    });

  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; usage errors (already printed) with 2.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    reportAndExit(error);
  }
}

function packageVersion(): string {
  return JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

if (require.main === module) void main();
