import type { KeyObject } from 'node:crypto';
import * as path from 'node:path';
import type { AppSealing } from './seal-app-target';
import { VibeInputError, type InputProblem } from '../contract/errors';
import { DNS_LABEL } from '../contract/patterns';
import { readSealingKeyFile } from '../seal/certificate';
import { seal } from '../seal/crypto';
import { generateMissingCredentials } from '../seal/generated-credentials';
import type { MergeResult } from '../seal/merge-sealed-file';
import type { PlaintextEntry } from '../seal/plaintext-lines';
import { collectPlaintext, environmentEntries, type PlaintextSources } from '../seal/plaintext-sources';
import { describeTarget, type SealTarget } from '../seal/scope';
import { checkSealTarget } from '../seal/seal-target';
import { sealedSecretManifest, sortedKeys } from '../seal/sealed-secret-manifest';
import type { SealedValue } from '../seal/sealed-value';

export interface SealCommandOptions {
  /** The controller's certificate file; or `fetchCert`. */
  readonly cert?: string;
  /** Fetch the certificate from the cluster's controller (cached in .vibe/sealed-secrets-cert.pem). */
  readonly fetchCert?: boolean;
  /** With `fetchCert`: the controller's Service and namespace (default: the cluster config's, else kubeseal's). */
  readonly controllerName?: string;
  readonly controllerNamespace?: string;
  /** With `fetchCert`: which cluster, as kubectl picks it. */
  readonly context?: string;
  readonly kubeconfig?: string;
  /** The app's answers file: namespace, Secret name, sealed file and credentials come from it. */
  readonly values?: string;
  /** With `values`: generate the component credentials that are not sealed yet. */
  readonly generate?: boolean;
  readonly namespace?: string;
  readonly name?: string;
  readonly scope?: string;
  readonly fromEnv?: readonly string[];
  readonly raw?: boolean;
  readonly mergeInto?: string;
}

/** Where the command reads and writes; the process's streams unless a test passes its own. */
export interface SealIo extends Omit<PlaintextSources, 'fromEnv' | 'promptOutput'> {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const FLAGS = { namespace: '--namespace', name: '--name', scope: '--scope' };

/**
 * `vibe seal`: checks every flag before reading a secret, seals each value for the Secret named
 * by the flags, then prints a SealedSecret, `KEY=<sealed>` lines, or merges into a sealed file.
 * Plaintext stays in memory: never printed, never written, never part of a message.
 */
export async function runSeal(flags: SealCommandOptions, io: SealIo = processIo()): Promise<void> {
  const { options, target, app } = await resolveTarget(flags);
  const certificateFile = options.fetchCert ? undefined : readSealingKeyFile(options.cert as string, { field: '--cert' });
  // Before any secret is read or typed: refuse a sealed file made for another Secret.
  // The YAML library is loaded only when YAML is read or written: `--raw` prints plain lines.
  const sealedFile = options.mergeInto ? await import('../seal/merge-sealed-file') : undefined;
  if (options.mergeInto) sealedFile!.checkSealedFileTarget(options.mergeInto, target);
  const publicKey = certificateFile ?? (await fetchedKey(options, io));
  const entries = app && options.generate
    ? [...generateMissingCredentials(app.groups, app.sealedKeys), ...environmentOnly(options, io)]
    : await collectPlaintext({ fromEnv: options.fromEnv ?? [], env: io.env, stdin: io.stdin, promptOutput: io.stderr });
  if (entries.length === 0) {
    io.stderr.write(`Nothing to generate: every credential of the app is sealed already in ${options.mergeInto}.\n`);
    return;
  }

  const sealed = new Map<string, SealedValue>();
  try {
    for (const entry of entries) sealed.set(entry.key, seal(entry.value, { publicKey, ...target }));
  } finally {
    for (const entry of entries) entry.value.fill(0);
  }

  if (options.mergeInto) {
    io.stderr.write(`${mergeSummary(sealedFile!.mergeIntoSealedFile(options.mergeInto, { ...target, values: sealed }), target)}\n`);
  } else if (options.raw) {
    for (const key of sortedKeys(sealed.keys())) io.stdout.write(`${key}=${sealed.get(key)!.ciphertext}\n`);
  } else {
    const [{ Document }, { sealedFileText }] = await Promise.all([import('yaml'), import('../seal/sealed-file-text')]);
    io.stdout.write(sealedFileText(new Document(sealedSecretManifest(target, sealed))));
  }
}

/**
 * With --values the target and the sealed file come from the app's answers; without, from
 * --namespace/--name. Either way every flag is checked before a secret is read.
 */
async function resolveTarget(flags: SealCommandOptions): Promise<{ options: SealCommandOptions; target: SealTarget; app?: AppSealing }> {
  if (flags.generate && !flags.values) {
    throw VibeInputError.single('--generate', 'needs --values <answers file> to know which credentials the app needs. Example: vibe seal --values vibe.yaml --cert cert.pem --generate');
  }
  if (!flags.values) return { options: flags, target: checkFlags(flags) };
  if (flags.generate && flags.raw) {
    throw VibeInputError.single('--raw', 'cannot be combined with --generate: generated passwords are only ever kept sealed in the app\'s sealed file.');
  }
  const scope = flags.scope === undefined ? undefined : checkSealTarget({ namespace: 'x', name: 'x', scope: flags.scope }, FLAGS).scope;
  // Reading the app's answers loads the contract (zod, cdk8s-free but not small): only with --values.
  const { appSealing } = await import('./seal-app-target');
  const app = appSealing(flags.values, { namespace: flags.namespace, name: flags.name, scope });
  const options = { ...flags, ...app.target, mergeInto: flags.raw ? flags.mergeInto : flags.mergeInto ?? app.sealedFile };
  return { options, target: checkFlags(options), app };
}

/** --from-env values beside --generate (stdin is not read then). */
function environmentOnly(options: SealCommandOptions, io: SealIo): PlaintextEntry[] {
  return (options.fromEnv ?? []).length ? environmentEntries(options.fromEnv ?? [], io.env) : [];
}

/** All flag problems at once, before any secret is read. */
function checkFlags(options: SealCommandOptions): SealTarget {
  const problems: InputProblem[] = [];
  let target: SealTarget | undefined;
  try {
    target = checkSealTarget(options, FLAGS);
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    problems.push(...error.problems);
  }
  if (options.raw && options.mergeInto) {
    problems.push({ field: '--raw', message: 'cannot be combined with --merge-into: --raw prints KEY=<sealed> lines, --merge-into writes the sealed file. Pick one.' });
  }
  problems.push(...certificateProblems(options));
  if (problems.length > 0 || !target) throw new VibeInputError(problems);
  return target;
}

/** --cert or --fetch-cert, exactly one; the cluster flags only with --fetch-cert. */
function certificateProblems(options: SealCommandOptions): InputProblem[] {
  const problems: InputProblem[] = [];
  if (options.cert === undefined && !options.fetchCert) {
    problems.push({ field: '--cert', message: 'is required: the controller\'s certificate file, or --fetch-cert to fetch it from the cluster. Example: vibe seal --values vibe.yaml --fetch-cert --generate' });
  }
  if (options.cert !== undefined && options.fetchCert) {
    problems.push({ field: '--fetch-cert', message: 'cannot be combined with --cert: seal with the file, or with the certificate the cluster serves. Pick one.' });
  }
  const clusterFlags = { '--controller-name': options.controllerName, '--controller-namespace': options.controllerNamespace, '--context': options.context, '--kubeconfig': options.kubeconfig };
  for (const [flag, value] of Object.entries(clusterFlags)) {
    if (value !== undefined && !options.fetchCert) problems.push({ field: flag, message: 'only applies with --fetch-cert.' });
  }
  for (const [flag, value] of [['--controller-name', options.controllerName], ['--controller-namespace', options.controllerNamespace]] as const) {
    if (value !== undefined && !DNS_LABEL.test(value)) {
      problems.push({ field: flag, message: `got "${value}" — a Service or namespace name is lowercase letters, digits and "-". Example: ${flag} ${flag === '--controller-name' ? 'sealed-secrets-controller' : 'kube-system'}` });
    }
  }
  return problems;
}

/**
 * The certificate the cluster's controller serves (through the API server's service proxy),
 * cached beside the answers file (or in the working folder) in .vibe/sealed-secrets-cert.pem.
 * The controller: the flags, else the answers' cluster config (`sealedSecrets`), else kubeseal's.
 */
async function fetchedKey(options: SealCommandOptions, io: SealIo): Promise<KeyObject> {
  const configured = options.values ? (await import('../inputs/load-input')).loadAppFile(options.values).model.cluster.sealedSecrets : undefined;
  const { CERT_CACHE, DEFAULT_CONTROLLER, fetchSealingKey } = await import('../cluster/fetch-cert');
  return fetchSealingKey(
    {
      context: options.context,
      kubeconfig: options.kubeconfig,
      controllerName: options.controllerName ?? configured?.controllerName ?? DEFAULT_CONTROLLER.name,
      controllerNamespace: options.controllerNamespace ?? configured?.controllerNamespace ?? DEFAULT_CONTROLLER.namespace,
      cacheFile: path.join(options.values ? path.dirname(options.values) : process.cwd(), CERT_CACHE),
    },
    io.stderr,
  );
}

function mergeSummary(result: MergeResult, target: SealTarget): string {
  const parts = [
    result.added.length > 0 ? `added ${result.added.join(', ')}` : '',
    result.replaced.length > 0 ? `replaced ${result.replaced.join(', ')}` : '',
    result.kept.length > 0 ? `kept ${result.kept.join(', ')}` : '',
  ].filter(Boolean);
  return `${result.created ? 'Created' : 'Updated'} ${result.file} for ${describeTarget(target)}: ${parts.join('; ')}.`;
}

function processIo(): SealIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
