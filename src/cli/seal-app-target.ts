import * as path from 'node:path';
import { statefulComponents } from '../components';
import type { AppModel } from '../contract/app-model';
import { VibeInputError } from '../contract/errors';
import { DEFAULT_SEALED_FILE } from '../inputs/default-sealed-file';
import { loadAppFile } from '../inputs/load-input';
import type { CredentialGroup } from '../seal/generated-credentials';
import type { SealScope, SealTarget } from '../seal/scope';

/** What `vibe seal --values <file>` learns from the app's answers. */
export interface AppSealing {
  readonly target: SealTarget;
  /** The app's sealed file: `secrets:` of the answers, or sealed-secrets.yaml beside them. */
  readonly sealedFile: string;
  readonly groups: readonly CredentialGroup[];
  readonly sealedKeys: ReadonlySet<string>;
  /** The app's cluster settings (the sealed-secrets controller for --fetch-cert). */
  readonly cluster: AppModel['cluster'];
}

/**
 * The Secret an app's values are sealed for, taken from its answers file so the creator never
 * types a namespace or Secret name; flags given anyway must agree with it.
 */
export function appSealing(valuesFile: string, flags: { namespace?: string; name?: string; scope?: SealScope }): AppSealing {
  const model = isMainTs(valuesFile) ? modelOfMainTs(valuesFile) : loadAppFile(valuesFile).model;
  const existing = model.answers.secrets;
  const target: SealTarget = { namespace: model.namespace, name: model.secretName, scope: flags.scope ?? existing?.scope ?? 'strict' };
  for (const field of ['namespace', 'name'] as const) {
    const given = flags[field];
    if (given !== undefined && given !== target[field]) {
      throw VibeInputError.single(`--${field}`, `got "${given}", but the app in ${valuesFile} uses "${target[field]}"; leave --${field} out with ${isMainTs(valuesFile) ? '--app' : '--values'}.`);
    }
  }
  return {
    target,
    sealedFile: existing?.source ?? path.join(path.dirname(valuesFile), DEFAULT_SEALED_FILE),
    groups: statefulComponents(model).map((c) => ({ component: c.component, credentials: c.credentials })),
    sealedKeys: new Set(existing?.values.keys() ?? []),
    cluster: model.cluster,
  };
}

/** main.ts (or any .ts entry point) rather than a YAML answers file. */
export function isMainTs(file: string): boolean {
  return /\.(c|m)?ts$/.test(file);
}

/** The answers of main.ts: it is run with nothing written, and its one VibeApp.synthesize call read. */
function modelOfMainTs(file: string): AppModel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runMainTs } = require('./main-ts') as typeof import('./main-ts');
  const apps = runMainTs(file, true);
  if (apps.length !== 1) {
    throw VibeInputError.single('--app', `${file} made ${apps.length} VibeApp.synthesize calls; vibe seal needs exactly one to know the app. Give --namespace and --name instead.`);
  }
  return apps[0].model as AppModel;
}
