import { Command } from 'commander';
// Type only: the command's module (and the Kubernetes client) load when the command runs.
import type { DiffCommandOptions } from '../diff-command';

const EXAMPLES = `
Compares only the fields the committed manifests set: what the API server adds or defaults is
not drift. Extra objects are those of the committed kinds, or labelled
app.kubernetes.io/managed-by: vibe-env, that are not committed.
Exit 0: no drift; 1: drift; 2: bad input or the cluster refused.

Examples:
  vibe diff k8s/                                   # the namespace of k8s/00-namespace.yaml
  vibe diff --namespace platform-vibe-shop k8s/ --context prod
`;

/** `vibe diff`: options here, work in ../diff-command (imported only when it runs). */
export function diffCommand(): Command {
  return new Command('diff')
    .description('Show how a namespace differs from the committed manifests: what ArgoCD\'s selfHeal and prune would change back.')
    .argument('<paths...>', 'the committed manifest files or folders, e.g. k8s/')
    .option('-n, --namespace <namespace>', 'the namespace to compare (default: the Namespace in the manifests)')
    .option('--context <name>', 'kubeconfig context to use (default: the current one)')
    .option('--kubeconfig <file>', 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: DiffCommandOptions) => {
      await (await import('../diff-command')).runDiff(paths, options);
    });
}
