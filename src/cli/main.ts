#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { checksCommand } from './commands/checks';
import { completionCommand } from './commands/completion';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { graphCommand } from './commands/graph';
import { initCommand } from './commands/init';
import { mcpCommand } from './commands/mcp';
import { platformCommand } from './commands/platform';
import { reviewCommand } from './commands/review';
import { sealCommand } from './commands/seal';
import { shutdownCommand } from './commands/shutdown';
import { synthCommand } from './commands/synth';
import { reportAndExit } from './exit';
import { packageVersion } from './package-version';

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

  // Each command module defines its flags and imports its implementation only when it runs.
  program.addCommand(synthCommand());
  program.addCommand(reviewCommand());
  program.addCommand(checksCommand());
  program.addCommand(explainCommand());
  program.addCommand(graphCommand());
  program.addCommand(sealCommand());
  program.addCommand(initCommand());
  program.addCommand(platformCommand());
  program.addCommand(diffCommand());
  program.addCommand(mcpCommand());
  program.addCommand(shutdownCommand());
  program.addCommand(completionCommand());

  // addCommand does not pass these settings down; usage errors must reach main() as exit 2.
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run vibe --help for usage)');
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // `vibe ... | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
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


if (require.main === module) void main();
