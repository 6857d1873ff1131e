import { runInit, type InitOptions } from '../init/run-init';

/** `vibe init`: the terminal's streams; questions only when stdin is a terminal. */
export async function runInitCommand(dir: string, options: InitOptions): Promise<void> {
  await runInit(dir, options, {
    input: process.stdin,
    output: process.stderr,
    stdout: process.stdout,
    interactive: process.stdin.isTTY === true,
  });
}
