import { Command } from 'commander';

const EXAMPLE = `
apps.yaml:
  cluster: { prefix: platform }                 # optional: the cluster settings the apps use
  argocd: { namespace: argocd, project: default } # optional
  apps:
    - slug: inventory-checker
      repoURL: https://git.internal.example.com/vibe/inventory-checker
    - slug: shop
      repoURL: git@git.internal.example.com:vibe/shop.git
      targetRevision: main                      # optional

Example:
  vibe platform argocd --apps apps.yaml --out argocd/vibe-apps.yaml && kubectl apply -f argocd/vibe-apps.yaml
`;

/** `vibe platform`: commands for the platform team (creators never need them). */
export function platformCommand(): Command {
  const platform = new Command('platform').description('Commands for the platform team: deploy many app repositories.');
  platform
    .command('argocd')
    .description('Write one ArgoCD ApplicationSet (a list generator) that deploys the k8s/ folder of every app repository in apps.yaml.')
    .requiredOption('--apps <file>', 'YAML list of apps: slug and repoURL each (see below)')
    .option('-o, --out <file>', 'write the ApplicationSet to this file instead of standard output')
    .addHelpText('after', EXAMPLE)
    // main() sets these on top-level commands only; usage errors here must reach it as exit 2 too.
    .exitOverride()
    .showHelpAfterError('(run vibe platform argocd --help for usage)')
    .action(async (options: { apps: string; out?: string }) => {
      (await import('../platform-command')).runPlatformArgocd(options);
    });
  return platform;
}
