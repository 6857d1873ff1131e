import { Command } from 'commander';
// Type only: the command's module (and the Kubernetes client) load when the command runs.
import type { ShutdownCommandOptions } from '../shutdown-command';

const EXAMPLES = `
Scales every Deployment and StatefulSet of the namespace to 0 replicas (scale subresource) and
annotates the namespace with vibe-env.io/shutdown-reason and vibe-env.io/shutdown-at. Running it
again changes nothing that is already done. Exit 0: done; 2: bad input or the cluster refused.

Examples:
  vibe shutdown --namespace platform-vibe-shop --reason "G6: card numbers in logs" --dry-run
  vibe shutdown --namespace platform-vibe-shop --reason "G6: card numbers in logs" --context prod
`;

/** `vibe shutdown`: options here, work in ../shutdown-command (imported only when it runs). */
export function shutdownCommand(): Command {
  return new Command('shutdown')
    .description('Stop an app after a violation: scale its namespace\'s Deployments and StatefulSets to 0 and record why on the namespace.')
    .option('-n, --namespace <namespace>', 'the namespace to shut down (required)')
    .option('--reason <text>', 'why, in one line; recorded in the vibe-env.io/shutdown-reason annotation (required)')
    .option('--dry-run', 'print what would be done and change nothing')
    .option('--context <name>', 'kubeconfig context to use (default: the current one)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
    .addHelpText('after', EXAMPLES)
    .action(async (options: ShutdownCommandOptions) => {
      await (await import('../shutdown-command')).runShutdown(options);
    });
}
