import { Command } from 'commander';

/** `vibe synth`: options here, work in ../synth-command (imported only when it runs). */
export function synthCommand(): Command {
  return new Command('synth')
    .description('Write the numbered manifest set for an app from its answers file (vibe.yaml or Helm values.yaml).')
    .requiredOption('-f, --values <file>', 'answers file: vibe.yaml, or the Helm chart values.yaml')
    .option('-o, --out <dir>', 'output folder', 'k8s')
    .action(async (options: { values: string; out: string }) => {
      // The gate at the end scans every file with secretlint in a worker thread: starting it
      // before loading synth lets both load at once, on two cores.
      (await import('../../review/secrets/scanner')).startSecretScanner();
      (await import('../synth-command')).runSynth(options);
    });
}
