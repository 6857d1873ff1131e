import { Command } from 'commander';
import { VibeInputError } from '../../contract/errors';

const EXAMPLES = `
Examples:
  vibe synth --app main.ts             # a repository made by vibe init (what npm run synth runs)
  vibe synth --values vibe.yaml        # the answers as YAML, or the Helm chart's values.yaml
  vibe synth -f base.yaml -f prod.yaml --out k8s   # several files merged as Helm merges them
`;

/** `-f a -f b`: every file, in order. */
function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** `vibe synth`: options here, work in ../synth-command (imported only when it runs). */
export function synthCommand(): Command {
  return new Command('synth')
    .description('Write the numbered manifest set for an app: from its main.ts (type-checked, then run), or from an answers file (vibe.yaml or Helm values.yaml).')
    .option('--app <main.ts>', "the app's main.ts: type-checked like the editor does, then run with vibe-env's TypeScript loader")
    .option('-f, --values <file>', 'answers file: vibe.yaml, or the Helm chart values.yaml; repeat it to merge several, later files win (as helm -f)', collect)
    .option('-o, --out <dir>', 'output folder', 'k8s')
    .addHelpText('after', EXAMPLES)
    .action(async (options: { app?: string; values?: string[]; out: string }) => {
      if ((options.app === undefined) === (options.values === undefined)) {
        throw VibeInputError.single('vibe synth', 'needs exactly one of --app <main.ts> or --values <file>. Example: vibe synth --app main.ts');
      }
      if (options.app !== undefined) {
        (await import('../synth-command')).runSynthApp({ app: options.app, out: options.out });
        return;
      }
      // The gate at the end scans every file with secretlint in a worker thread: starting it
      // before loading synth lets both load at once, on two cores.
      (await import('../../review/secrets/scanner')).startSecretScanner();
      (await import('../synth-command')).runSynth({ values: options.values!, out: options.out });
    });
}
