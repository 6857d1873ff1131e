import { Command } from 'commander';
// Type only: the command's module is loaded when the command runs.
import type { SealCommandOptions } from '../seal-command';

const EXAMPLES = `
Values are never arguments: they come from KEY=VALUE lines on stdin, from environment variables
(--from-env), or from a prompt that does not echo when stdin is a terminal.

Examples:
  # every database/cache password of the app, generated and sealed into its sealed-secrets.yaml
  vibe seal --app main.ts --cert sealed-secrets-cert.pem --generate      # answers in main.ts
  vibe seal --values vibe.yaml --cert sealed-secrets-cert.pem --generate  # answers in vibe.yaml

  read -rs DATABASE_PASSWORD && export DATABASE_PASSWORD
  vibe seal --cert sealed-secrets-cert.pem --namespace platform-vibe-shop --name shop-credentials \\
    --from-env DATABASE_PASSWORD --merge-into sealed-secrets.yaml

  vibe seal --cert sealed-secrets-cert.pem --namespace platform-vibe-shop --name shop-credentials --raw

  # the certificate straight from the cluster (cached beside vibe.yaml in .vibe/; a warning when it changed)
  vibe seal --values vibe.yaml --fetch-cert --generate
`;


/** `vibe seal`: options here, work in ../seal-command (imported only when it runs). */
export function sealCommand(): Command {
  return new Command('seal')
    .description(
      'Encrypt secret values for the cluster\'s Sealed Secrets controller (replaces kubeseal). Prints a SealedSecret, or merges into a sealed file.',
    )
    .option('--cert <file>', 'the controller\'s certificate or RSA public key (PEM); or use --fetch-cert')
    .option('--fetch-cert', 'fetch the certificate from the cluster\'s controller (through the API server), cache it in .vibe/sealed-secrets-cert.pem and seal with it')
    .option('--controller-name <name>', 'with --fetch-cert: the controller\'s Service (default: the cluster config\'s sealedSecrets, else sealed-secrets-controller)')
    .option('--controller-namespace <namespace>', 'with --fetch-cert: the controller\'s namespace (default: the cluster config\'s sealedSecrets, else kube-system)')
    .option('--context <name>', 'with --fetch-cert: kubeconfig context to use (default: the current one)')
    .option('--kubeconfig <file>', 'with --fetch-cert: kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
    .option('--app <main.ts>', "the app's main.ts (a repository made by vibe init): namespace, Secret name and sealed file come from its answers")
    .option('-f, --values <file>', "the app's answers (vibe.yaml or Helm values.yaml): namespace, Secret name and sealed file come from it")
    .option('--generate', 'with --app or --values: create random passwords for every component credential not sealed yet (never shown)')
    .option('-n, --namespace <namespace>', 'namespace of the Secret the values are sealed for (not needed with --values)')
    .option('--name <secret>', 'name of the Secret the values are sealed for (not needed with --values)')
    .option('--scope <scope>', 'who may decrypt: strict (this name in this namespace; the default), namespace-wide, cluster-wide')
    .option('--from-env <name...>', 'seal the value of these environment variables, each under its own name')
    .option('--raw', 'print KEY=<sealed value> lines instead of a SealedSecret')
    .option('--merge-into <file>', 'add or replace the values in this sealed file (created if absent), keeping the others')
    .addHelpText('after', EXAMPLES)
    .action(async (options: SealCommandOptions, command: Command) => {
      // --cert is required unless the certificate is fetched: a usage error, worded like commander's own.
      if (options.cert === undefined && !options.fetchCert) {
        command.error('error: required option \'--cert <file>\' not specified (or --fetch-cert to fetch the certificate from the cluster)', { exitCode: 2 });
      }
      await (await import('../seal-command')).runSeal(options);
    });
}
