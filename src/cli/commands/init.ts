import { Command } from 'commander';
// Type only: the command's module is loaded when the command runs.
import { INIT_COMPONENT_KEYS } from '../../components/catalogue';
import type { InitOptions } from '../../init/run-init';

const EXAMPLES = `
Answers not given as flags are asked for when stdin is a terminal (--yes takes the defaults).
Bad answers are reported like bad answers in main.ts: one plain line each, exit code 2, nothing written.

Examples:
  vibe init inventory-checker --slug inventory-checker --name "Inventory Checker" \\
    --runtime python3.12 --size md --components postgres,redis --cert sealed-secrets-cert.pem
  vibe init . --force --slug shop --runtime node22 --no-ingress --yes
`;

/** `vibe init`: options here, work in ../../init/run-init (imported only when it runs). */
export function initCommand(): Command {
  return new Command('init')
    .description('Create an app repository that deploys on its first push: main.ts, Dockerfile, CI/CD workflows, ArgoCD Application, README.')
    .argument('[dir]', 'folder of the new repository (created if absent; must be empty unless --force)', '.')
    .option('--slug <slug>', 'short name: lowercase letters, digits and "-" (names the namespace and every object)')
    .option('--name <name>', 'display name (default: the slug in title case)')
    .option('--size <size>', 'xs, sm, md, lg or xl (default md)')
    .option('--components <list>', `comma-separated: ${INIT_COMPONENT_KEYS.join(', ')} (one database at most), mgmtSidecar (default: none)`)
    .option('--nginx', 'the nginx reverse proxy in front of the app (the default)')
    .option('--no-nginx', 'no nginx reverse proxy in front of the app')
    .option('--ingress', 'publish the app at its own https address (the default)')
    .option('--no-ingress', 'keep the app inside the cluster')
    .option('--runtime <runtime>', 'node22, node20, python3.12, python3.11, go1.23, jvm21, jvm17, rust1.78 or php8.3 (default node22)')
    .option('--repository <path>', 'the image path in the cluster registry (default: <slug>-app)')
    .option('--repo-url <url>', "git URL ArgoCD clones (default: the folder's git remote origin, else https://git.internal.example.com/vibe/<slug>)")
    .option('--cert <pem>', "the cluster's sealed-secrets certificate: copied in, and the component passwords made and sealed with it")
    .option('--log-sample <file>', "a sample of the app's log in the repository (one line per entry): npm run review and CI check it (G3, G5, G6)")
    .option('--vibe-env-spec <spec>', 'what package.json depends on for vibe-env (default: ^<this version>; e.g. file:../vibe-env-1.2.3.tgz)')
    .option('-f, --force', 'write into a non-empty folder: only missing files are written, yours are kept')
    .option('-y, --yes', 'do not ask: missing answers take their defaults')
    .addHelpText('after', EXAMPLES)
    .action(async (dir: string, options: InitOptions) => {
      await (await import('../init-command')).runInitCommand(dir, options);
    });
}
