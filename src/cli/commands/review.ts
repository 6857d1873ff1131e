import { Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `vibe review`: options here, work in ../review-command (imported only when it runs). */
export function reviewCommand(): Command {
  return new Command('review')
    .description(
      'Check manifests (a folder, files, or - for stdin), or what runs in a namespace (--live), against the platform contract. ' +
        'Exit 0: no CRITICAL finding; 1: CRITICAL findings (with --fail-on warning: any finding); 2: bad input.',
    )
    .argument('[paths...]', 'manifest files or folders (yaml, yml, json), or - for stdin; none with --live')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--dockerfile <file>', 'a Dockerfile to check (repeatable; default: Dockerfiles beside the manifests and in the folder above)', collect)
    .option('--src <dir>', 'the app source tree, for file-logging checks (G4)')
    .option('--logs <file>', 'a log sample, one line per entry, or - for stdin (G3, G5, G6)')
    .option('--metrics-url <url>', 'a /metrics URL to fetch, or a file holding its body (G2)')
    .option('--cert <pem>', 'the sealed-secrets controller certificate, to check sealed values against its key (E7)')
    .option('--cluster-config <file>', 'cluster settings (registry, mirror, host pattern, namespaces); default: the cluster: section of ./vibe.yaml, else .vibe/cluster.yaml here or above, else the platform defaults')
    .addOption(new Option('--fail-on <severity>', 'the least severe finding that fails the review (exit 1)').choices(['critical', 'warning']).default('critical'))
    .option('-q, --quiet', 'print the findings only (text: one line each; no notes)')
    .option('-v, --verbose', 'also print what was read and each check\'s verdict (on stderr)')
    .option('--no-color', 'no colours (they are on only on a terminal, and never with NO_COLOR set)')
    .option('--sarif-root <dir>', 'with --format sarif: the folder file paths are relative to (default: the git root above the working folder, else the working folder)')
    .option('--stdin-name <path>', 'the repository path of the manifests read from stdin (-), used in findings and SARIF')
    .option('--app-name <name>', 'name shown in the report; default: from the namespace')
    .option('--live', 'review what runs in a namespace instead of files: its objects, its app pods\' recent logs and /metrics (needs --namespace)')
    .option('-n, --namespace <namespace>', 'with --live: the namespace to review')
    .option('--context <name>', 'with --live: kubeconfig context to use (default: the current one)')
    .option('--kubeconfig <file>', 'with --live: kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
    .action(async (paths: string[], options, command: Command) => {
      // Paths are required unless the review is live: a usage error, worded like commander's own.
      const live = options.live || options.namespace || options.context || options.kubeconfig;
      if (paths.length === 0 && !live) command.error('error: missing required argument \'paths\' (or --live --namespace <ns> to review a namespace)', { exitCode: 2 });
      // Every review scans the manifests for secrets with secretlint in a worker thread: starting
      // it first lets it load while the review's own modules and the manifests do.
      (await import('../../review/secrets/scanner')).startSecretScanner();
      await (await import('../review-command')).runReview(paths, options);
    });
}
