import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestObject } from '../../../manifests/manifest-object';
import { seal } from '../../../seal/crypto';
import { sealedSecretManifest } from '../../../seal/sealed-secret-manifest';
import type { SealedValue } from '../../../seal/sealed-value';
import type { Fixer, FixRun } from '../fixer';

/**
 * E1: a plain `kind: Secret` becomes a SealedSecret of the same values, sealed with the
 * controller's certificate (`--cert`), strict scope (its namespace and name), its type and labels
 * kept. A file holding only Secrets is replaced by a new sealed file (`02-secrets.yaml` →
 * `02-sealed-secrets.yaml`); applyFixes writes that before it removes the plain one. Without the
 * certificate, or without values to seal, the Secret is left and reported. No value is ever
 * shown: the report names keys only.
 */

/** The plain values of a Secret: `data` (base64) then `stringData` (wins on the same key). */
function valuesOf(secret: ManifestObject): Map<string, Buffer> | string {
  const values = new Map<string, Buffer>();
  const { data, stringData } = secret.object as { data?: unknown; stringData?: unknown };
  for (const [field, decode] of [
    [data, (v: string) => Buffer.from(v, 'base64')],
    [stringData, (v: string) => Buffer.from(v, 'utf8')],
  ] as const) {
    if (field === undefined || field === null) continue;
    if (typeof field !== 'object' || Array.isArray(field)) return 'its data is not a map of keys to values';
    for (const [key, value] of Object.entries(field as Record<string, unknown>)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return `the value of key ${key} is not text`;
      values.set(key, decode(String(value)));
    }
  }
  return values.size === 0 ? 'it holds no values to seal' : values;
}

/** `02-secrets.yaml` → `02-sealed-secrets.yaml`; `creds.yaml` → `sealed-creds.yaml`. */
function sealedFileName(file: string): string {
  const base = path.basename(file);
  const renamed = /secret/i.test(base) ? base.replace(/secret/i, (word) => `sealed-${word}`) : `sealed-${base}`;
  return path.join(path.dirname(file), renamed);
}

function sealSecret(run: FixRun, secret: ManifestObject, publicKey: NonNullable<FixRun['settings']['sealingKey']>): Record<string, unknown> | undefined {
  const values = valuesOf(secret);
  if (typeof values === 'string') {
    run.cannot(secret, `${values}, so there is nothing to seal — replace it by hand`);
    return undefined;
  }
  const namespace = secret.namespace ?? run.context.appNamespace;
  if (!namespace || !secret.name) {
    run.cannot(secret, 'it has no namespace or name to seal it for — add metadata.namespace and metadata.name first');
    return undefined;
  }
  const target = { scope: 'strict' as const, namespace, name: secret.name };
  const sealed = new Map<string, SealedValue>();
  for (const [key, value] of values) sealed.set(key, seal(value, { publicKey, ...target }));
  const type = typeof secret.object.type === 'string' ? secret.object.type : 'Opaque';
  type Sealed = { metadata: Record<string, unknown>; spec: { template: { metadata: Record<string, unknown> } } };
  const manifest = sealedSecretManifest(target, sealed, type) as Sealed;
  const labels = secret.object.metadata?.labels;
  if (labels && typeof labels === 'object') {
    manifest.metadata = { ...manifest.metadata, labels: { ...labels } };
    manifest.spec.template.metadata = { ...manifest.spec.template.metadata, labels: { ...labels } };
  }
  run.fixed(secret, `sealed keys ${[...values.keys()].join(', ')} into SealedSecret ${secret.name} — change those values too: they were readable in Git`);
  return manifest;
}

const E1: Fixer = {
  id: 'E1',
  fix(run) {
    const secrets = run.context.ofKind('Secret');
    const publicKey = run.settings.sealingKey;
    if (!publicKey) {
      for (const secret of secrets) run.cannot(secret, 'give the controller certificate with --cert to seal it (or run vibe seal); the plain Secret is left as it is');
      return;
    }
    const byFile = new Map<string, ManifestObject[]>();
    for (const secret of secrets) byFile.set(secret.file, [...(byFile.get(secret.file) ?? []), secret]);
    for (const [file, inFile] of byFile) {
      const onlySecrets = run.context.manifests.filter((m) => m.file === file).every((m) => m.kind === 'Secret');
      const target = sealedFileName(file);
      const separate = onlySecrets && (run.workspace.has(target) || !fs.existsSync(target));
      for (const secret of inFile) {
        const sealed = sealSecret(run, secret, publicKey);
        if (!sealed) continue;
        if (separate) {
          // The Secret's own comments move with it.
          run.workspace.addObject(target, sealed, 'last', run.workspace.commentAbove(secret));
          run.workspace.removeObject(secret);
        } else {
          run.workspace.replaceObject(secret, sealed);
        }
      }
    }
  },
};

export const SECRET_FIXERS: readonly Fixer[] = [E1];
