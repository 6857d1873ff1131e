import { VibeInputError } from '../contract/errors';
import { describeFsError } from '../io/fs-errors';
import { ReviewGateError } from '../review/gate-error';

/** Exit codes of every `vibe` command. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

/**
 * Bad input is printed as plain lines and exits 2. Anything else is a bug in vibe-env: say so
 * in one line and point at VIBE_DEBUG for the details, still without a stack trace by default.
 */
export function reportAndExit(error: unknown): void {
  if (error instanceof ReviewGateError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT.findings;
    return;
  }
  if (error instanceof VibeInputError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT.badInput;
    return;
  }
  const fsProblem = describeFsError(error);
  if (fsProblem) {
    // A full disk, a read-only folder, a missing path: the user's side, not a bug.
    process.stderr.write(`vibe: cannot go on: ${fsProblem}.\n`);
    process.exitCode = EXIT.badInput;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vibe: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.VIBE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else process.stderr.write('Set VIBE_DEBUG=1 for details and report it to the platform team.\n');
  process.exitCode = 70;
}
