import { Command } from 'commander';
// Type only: the command's module is loaded when the command runs.
import type { SealCommandOptions } from '../seal-command';

const EXAMPLES = `
Values are never arguments: they come from KEY=VALUE lines on stdin, from environment variables
(--from-env), or from a prompt that does not echo when stdin is a terminal.

Examples:
  # every database/cache password of the app, generated and sealed into its sealed-secrets.yaml
  vibe seal --values vibe.yaml --cert sealed-secrets-cert.pem --generate

  read -rs DATABASE_PASSWORD && export DATABASE_PASSWORD
  vibe seal --cert sealed-secrets-cert.pem --namespace platform-vibe-shop --name shop-credentials \\
    --from-env DATABASE_PASSWORD --merge-into sealed-secrets.yaml

  vibe seal --cert sealed-secrets-cert.pem --namespace platform-vibe-shop --name shop-credentials --raw
`;


/** `vibe seal`: options here, work in ../seal-command (imported only when it runs). */
export function sealCommand(): Command {
  return new Command('seal')
    .description(
      'Encrypt secret values for the cluster\'s Sealed Secrets controller (replaces kubeseal). Prints a SealedSecret, or merges into a sealed file.',
    )
    .requiredOption('--cert <file>', 'the controller\'s certificate or RSA public key (PEM), e.g. from kubeseal --fetch-cert')
    .option('-f, --values <file>', "the app's answers (vibe.yaml or Helm values.yaml): namespace, Secret name and sealed file come from it")
    .option('--generate', 'with --values: create random passwords for every component credential not sealed yet (never shown)')
    .option('-n, --namespace <namespace>', 'namespace of the Secret the values are sealed for (not needed with --values)')
    .option('--name <secret>', 'name of the Secret the values are sealed for (not needed with --values)')
    .option('--scope <scope>', 'who may decrypt: strict (this name in this namespace; the default), namespace-wide, cluster-wide')
    .option('--from-env <name...>', 'seal the value of these environment variables, each under its own name')
    .option('--raw', 'print KEY=<sealed value> lines instead of a SealedSecret')
    .option('--merge-into <file>', 'add or replace the values in this sealed file (created if absent), keeping the others')
    .addHelpText('after', EXAMPLES)
    .action(async (options: SealCommandOptions) => {
      await (await import('../seal-command')).runSeal(options);
    });
}
