import * as fs from 'node:fs';
import * as path from 'node:path';
import { statefulComponents } from '../components';
import type { AppModel } from '../contract/app-model';
import { DEFAULT_SEALED_FILE } from '../inputs/default-sealed-file';
import { readSealingKeyFile } from '../seal/certificate';
import { seal } from '../seal/crypto';
import { generateMissingCredentials, type CredentialGroup } from '../seal/generated-credentials';
import { checkSealedFileTarget, mergeIntoSealedFile, type MergeResult } from '../seal/merge-sealed-file';
import type { SealTarget } from '../seal/scope';
import { SealedSecretFile } from '../seal/sealed-secret-file';
import type { SealedValue } from '../seal/sealed-value';

/** The credentials an app's components need, grouped so each group shares one password. */
export function credentialGroups(model: AppModel): CredentialGroup[] {
  return statefulComponents(model).map((c) => ({ component: c.component, credentials: c.credentials }));
}

/** What `--cert` prepares before anything is written: the certificate and the sealed values. */
export interface PreparedSealing {
  readonly certText: string;
  readonly target: SealTarget;
  readonly sealedFile: string;
  /** Freshly generated credentials, already sealed (empty when every one is sealed already). */
  readonly values: ReadonlyMap<string, SealedValue>;
}

/**
 * Reads the certificate, checks an existing sealed file (with --force) is this app's, and seals
 * a fresh password for every component credential not sealed yet — all before any file is
 * written, so a bad certificate or someone else's sealed file fails early. Plaintext lives only
 * in memory and is wiped once sealed.
 */
export function prepareSealing(model: AppModel, certFile: string, targetDir: string): PreparedSealing {
  const publicKey = readSealingKeyFile(certFile, { field: '--cert' });
  const certText = fs.readFileSync(certFile, 'utf8');
  const target: SealTarget = { namespace: model.namespace, name: model.secretName, scope: 'strict' };
  const sealedFile = path.join(targetDir, DEFAULT_SEALED_FILE);
  checkSealedFileTarget(sealedFile, target);
  const sealedKeys = fs.existsSync(sealedFile) ? new Set(SealedSecretFile.load(sealedFile).values.keys()) : new Set<string>();
  const entries = generateMissingCredentials(credentialGroups(model), sealedKeys);
  const values = new Map<string, SealedValue>();
  try {
    for (const entry of entries) values.set(entry.key, seal(entry.value, { publicKey, ...target }));
  } finally {
    for (const entry of entries) entry.value.fill(0);
  }
  return { certText, target, sealedFile, values };
}

/** Merges the sealed values into sealed-secrets.yaml (created when absent). */
export function writeSealedCredentials(prepared: PreparedSealing): MergeResult | undefined {
  if (prepared.values.size === 0) return undefined;
  return mergeIntoSealedFile(prepared.sealedFile, { ...prepared.target, values: prepared.values });
}
