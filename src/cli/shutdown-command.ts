import { shutdownNamespace, type ShutdownOptions } from '../cluster/shutdown';

export type ShutdownCommandOptions = ShutdownOptions;

/** `vibe shutdown`: exit 0 when the namespace is shut down (or would be, with --dry-run), 2 on bad input or a refusal. */
export async function runShutdown(options: ShutdownCommandOptions): Promise<void> {
  await shutdownNamespace(options, process.stdout);
}
