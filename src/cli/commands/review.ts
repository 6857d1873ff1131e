import { Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `imageTag` → `--image-tag`. */
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

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
    .option('--follow-symlinks', 'read files that symlinks lead to outside the folders given (default: skipped with a note)')
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
    .option('--fix', 'apply every mechanical fix to the manifest files in place (comments and order kept), then report what is left')
    .option('--dry-run', 'with --fix: print the changes as a unified diff instead of writing them (secret values hidden)')
    .option('--only <ids>', 'with --fix: only these checks\' fixes, comma-separated (e.g. A1,S1)')
    .addOption(new Option('--size <size>', 'with --fix: the app\'s t-shirt size, for its resources (F1–F3)').choices(['xs', 'sm', 'md', 'lg', 'xl']))
    .option('--image-tag <sha>', 'with --fix: the commit SHA (or sha256: digest) to pin the app\'s image to (A1)')
    .action(async (paths: string[], options, command: Command) => {
      const fixOnly = ['dryRun', 'only', 'size', 'imageTag'].filter((key) => options[key] !== undefined);
      if (!options.fix && fixOnly.length > 0) command.error(`error: ${fixOnly.map(flagOf).join(', ')} ${fixOnly.length === 1 ? 'needs' : 'need'} --fix. Example: vibe review --fix --dry-run k8s/`, { exitCode: 2 });
      if (options.fix) {
        if (options.live || options.namespace || options.context || options.kubeconfig) command.error('error: --fix edits manifest files; it cannot be used with --live', { exitCode: 2 });
        if (options.format === 'sarif') command.error('error: --fix reports as text or json, not sarif', { exitCode: 2 });
        if (paths.length === 0) command.error('error: missing required argument \'paths\' (the manifest files or folder to fix, e.g. k8s/)', { exitCode: 2 });
        (await import('../../review/secrets/scanner')).startSecretScanner();
        await (await import('../fix-command')).runFix(paths, options);
        return;
      }
      // Paths are required unless the review is live: a usage error, worded like commander's own.
      const live = options.live || options.namespace || options.context || options.kubeconfig;
      if (paths.length === 0 && !live) command.error('error: missing required argument \'paths\' (or --live --namespace <ns> to review a namespace)', { exitCode: 2 });
      // Every review scans the manifests for secrets with secretlint in a worker thread: starting
      // it first lets it load while the review's own modules and the manifests do.
      (await import('../../review/secrets/scanner')).startSecretScanner();
      await (await import('../review-command')).runReview(paths, options);
    });
}
