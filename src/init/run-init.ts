import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveInitAnswers, type InitAnswerFlags } from './answers';
import { contractFiles } from './contract-files';
import { credentialGroups, prepareSealing, writeSealedCredentials, type PreparedSealing } from './init-secrets';
import { askMissingAnswers, type PromptIo } from './prompt';
import { CERT_FILE, scaffoldFiles } from './scaffold';
import { creatorTooling } from './tooling';
import { vibeEnvSource } from './vibe-env-source';
import { applyPlan, checkTarget, planWrites, type PlannedWrite } from './write-plan';
import type { AppModel } from '../contract/app-model';
import { VibeInputError } from '../contract/errors';
import { REPO_URL } from '../delivery/apps-file';
import { CREDENTIALS_IN_URL, hasCredentials, withoutCredentials } from '../delivery/repo-url';
import { DEFAULT_SEALED_FILE } from '../inputs/default-sealed-file';
import { withFileLock } from '../io/file-lock';
import { LOCK_FILE } from '../io/file-set';
import { makeFolder } from '../io/make-folder';

export interface InitOptions extends InitAnswerFlags {
  /** The URL ArgoCD clones the repository from. @default - the folder's git remote "origin", else the platform's pattern */
  readonly repoUrl?: string;
  /** The cluster's sealed-secrets certificate: copied in, and component passwords sealed with it. */
  readonly cert?: string;
  /** A sample of the app's log inside the repository (one line per entry), reviewed by npm run review and CI. */
  readonly logSample?: string;
  /** What package.json depends on for vibe-env. @default - `^<running version>` when it came from a registry, else a tarball of it in vendor/ */
  readonly vibeEnvSpec?: string;
  /** Write into a non-empty folder, keeping every existing file. */
  readonly force?: boolean;
  /** Never ask: missing answers take their defaults. */
  readonly yes?: boolean;
}

export interface InitIo extends PromptIo {
  readonly stdout: NodeJS.WritableStream;
  /** True when questions can be asked (stdin is a terminal). */
  readonly interactive: boolean;
}

/** Where repositories live when the folder has no git remote yet (the platform's own git). */
export const DEFAULT_REPO_URL_PATTERN = 'https://git.internal.example.com/vibe/{slug}';

/**
 * `vibe init [dir]`: asks for missing answers on a terminal, validates them like main.ts does,
 * checks the folder, the certificate and every existing file, and only then writes. Any problem
 * is a VibeInputError (one line each, exit 2) with nothing written.
 */
export async function runInit(dir: string | undefined, options: InitOptions, io: InitIo): Promise<PlannedWrite[]> {
  const given = dir ?? '.';
  const target = path.resolve(given);
  checkTarget(target, given, options.force === true);

  const flags = io.interactive && !options.yes ? await askMissingAnswers(options, io) : options;
  const model = resolveInitAnswers(flags);
  const notes: string[] = [];
  const repoUrl = repositoryUrl(options.repoUrl, target, model.slug, notes);
  const credentialsFor = credentialGroups(model).map((group) => group.component);
  const sealing: PreparedSealing | undefined = flags.cert ? prepareSealing(model, flags.cert, target) : undefined;
  const logSample = options.logSample === undefined ? undefined : checkLogSample(options.logSample);

  const tooling = creatorTooling();
  const source = options.vibeEnvSpec !== undefined ? { spec: options.vibeEnvSpec } : vibeEnvSource(tooling.vibeEnvVersion);
  const scaffold = {
    model,
    repoUrl,
    vibeEnvSpec: source.spec,
    tooling,
    credentialsFor,
    certGiven: sealing !== undefined,
    logSample,
  };
  // The app's half of the contract (kit, sample app, AGENTS.md): see contract-files.ts.
  const files = [...scaffoldFiles(scaffold), ...contractFiles(model, target)];
  if (sealing) files.push({ path: CERT_FILE, text: sealing.certText, existing: 'keep' });
  if (source.vendored) files.push({ path: source.vendored.path, text: source.vendored.bytes, existing: 'keep' });
  makeFolder(target);
  // One init at a time per folder; the plan is made under the lock so it sees the files as they are.
  const { plan, sealed } = withFileLock(path.join(target, LOCK_FILE), { what: given }, () => {
    const planned = planWrites(target, files, scaffold);
    applyPlan(target, planned);
    return { plan: planned, sealed: sealing ? writeSealedCredentials(sealing) : undefined };
  });
  report(io.stdout, given, model, plan, sealed ? `${DEFAULT_SEALED_FILE} (${sealed.added.length} passwords made and sealed: ${sealed.added.join(', ')})` : undefined);
  for (const note of notes) io.stdout.write(`note: ${note}\n`);
  return plan;
}

/**
 * --log-sample: a path inside the repository (review runs there, in CI too), written into the
 * review command as it is, so only plain path characters.
 */
function checkLogSample(file: string): string {
  const normalized = file.replace(/^\.\//, '');
  if (!/^[A-Za-z0-9._/-]+$/.test(normalized) || normalized.startsWith('/') || normalized.split('/').includes('..')) {
    throw VibeInputError.single('--log-sample', `got "${file}"; give a file inside the repository, with letters, digits, ".", "_", "-" and "/" only. Example: --log-sample test/log-sample.jsonl`);
  }
  return normalized;
}

/** --repo-url, else the folder's git remote, else the platform's pattern. */
function repositoryUrl(flag: string | undefined, target: string, slug: string, notes: string[]): string {
  if (flag !== undefined) {
    if (!REPO_URL.test(flag)) {
      throw VibeInputError.single('--repo-url', `got "${withoutCredentials(flag)}"; must be a git URL ArgoCD can clone: https://host/path, ssh://host/path or git@host:path. Example: --repo-url https://git.internal.example.com/vibe/${slug}`);
    }
    if (hasCredentials(flag)) throw VibeInputError.single('--repo-url', CREDENTIALS_IN_URL);
    return flag;
  }
  if (fs.existsSync(path.join(target, '.git'))) {
    const origin = spawnSync('git', ['-C', target, 'remote', 'get-url', 'origin'], { encoding: 'utf8' });
    const url = origin.status === 0 ? origin.stdout.trim() : '';
    if (REPO_URL.test(url)) {
      // The origin often holds a token (https://bob:<token>@host/repo): it is never copied.
      if (hasCredentials(url)) notes.push('the git origin carries credentials; they were left out of argocd/application.yaml (ArgoCD reads them from its repository Secret).');
      return withoutCredentials(url);
    }
  }
  return DEFAULT_REPO_URL_PATTERN.replace('{slug}', slug);
}

function report(out: NodeJS.WritableStream, given: string, model: AppModel, plan: readonly PlannedWrite[], sealed: string | undefined): void {
  const verbs: Record<PlannedWrite['action'], string> = { create: 'created', keep: 'kept yours', merge: 'added', append: 'added', beside: 'yours kept; ours is' };
  const created = plan.filter((w) => w.action === 'create').length;
  out.write(`${created === plan.length ? 'Created the repository' : 'Updated the repository'} for "${model.displayName}" (namespace ${model.namespace}) in ${given}:\n`);
  const width = Math.max(...plan.map((w) => w.path.length));
  for (const write of plan) {
    const detail = write.note ? ` ${write.note}` : '';
    out.write(`  ${write.path.padEnd(width)}  ${verbs[write.action]}${detail}\n`);
  }
  if (sealed) out.write(`  ${sealed}\n`);
  const readme = plan.find((w) => w.path === 'README.md');
  const guide = readme?.action === 'beside' ? readme.note : 'README.md';
  out.write(`\nNext: read ${guide}. In short: add your code, run \`npm install\`, commit everything, push to main.\n`);
}
