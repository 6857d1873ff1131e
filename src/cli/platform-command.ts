import * as path from 'node:path';
import { readAppsFile } from '../delivery/apps-file';
import { argoApplicationSet, argoYaml } from '../delivery/argocd';
import { writeFileAtomically } from '../io/durable-file';
import { makeFolder } from '../io/make-folder';

/** `vibe platform argocd --apps apps.yaml [--out file]`. */
export function runPlatformArgocd(options: { readonly apps: string; readonly out?: string }): void {
  const list = readAppsFile(options.apps);
  const text = argoYaml(argoApplicationSet(list.name, list.apps, list.settings), [
    `ArgoCD ApplicationSet for ${list.apps.length} vibe app(s), written by vibe platform argocd from ${path.basename(options.apps)}.`,
    'Each app: its repository\'s k8s/ folder on main, synced automatically (prune + selfHeal) into its namespace.',
    'Removing an app from the list removes its Application but never its namespace or data.',
  ]);
  if (!options.out) {
    process.stdout.write(text);
    return;
  }
  makeFolder(path.dirname(path.resolve(options.out)));
  writeFileAtomically(options.out, text);
  process.stderr.write(`Wrote the ApplicationSet "${list.name}" for ${list.apps.length} app(s) to ${options.out}\n`);
}
