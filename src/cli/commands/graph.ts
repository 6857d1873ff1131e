import { Command, Option } from 'commander';

/** `vibe graph`: options here, work in ../graph-command (imported only when it runs). */
export function graphCommand(): Command {
  return new Command('graph')
    .description('Show who can reach whom in a manifest set, judged by what its NetworkPolicies allow (Mermaid or JSON).')
    .argument('<paths...>', 'manifest files or folders (*.yaml, *.yml, *.json, recursively); - reads standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'json']).default('mermaid'))
    .option('--cluster-config <file>', 'YAML with the cluster settings (a cluster: block, or the settings at the top level); default: the platform defaults')
    .option('--follow-symlinks', 'read files that symlinks lead to outside the folders given (default: skipped with a note)')
    .action(async (paths: string[], options: { format: 'mermaid' | 'json'; clusterConfig?: string; followSymlinks?: boolean }) => {
      (await import('../graph-command')).runGraph(paths, options);
    });
}
