#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { reportAndExit } from './exit';

/**
 * The `vibe` command. Thin: each subcommand parses its flags and calls the library. Command
 * modules are required only when their command runs, so `vibe --help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('vibe')
    .description('Five answers in, a hardened Kubernetes namespace out.')
    .version(require('../../package.json').version, '-V, --version')
    .showHelpAfterError('(run vibe --help for usage)')
    .exitOverride();

  program
    .command('synth')
    .description('Write the numbered manifest set for an app from its answers file (vibe.yaml or Helm values.yaml).')
    .requiredOption('-f, --values <file>', 'answers file: vibe.yaml, or the Helm chart values.yaml')
    .option('-o, --out <dir>', 'output folder', 'k8s')
    .action((options: { values: string; out: string }) => {
      require('./synth-command').runSynth(options);
    });

  return program;
}

export function main(argv: readonly string[] = process.argv): void {
  try {
    buildProgram().parse(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; usage errors (already printed) with 2.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    reportAndExit(error);
  }
}

if (require.main === module) main();
