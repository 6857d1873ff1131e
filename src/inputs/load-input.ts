import * as path from 'node:path';
import { findDefaultSealedFile } from './default-sealed-file';
import { helmExample, helmPath, mapHelmValues } from './helm-values';
import { ValuesFiles } from './values-files';
import type { YamlSource } from './yaml-source';
import { AppModel } from '../contract/app-model';
import { VibeInputError, type InputProblem } from '../contract/errors';
import { SealedSecretFile } from '../seal/sealed-secret-file';

export type InputFormat = 'vibe.yaml' | 'helm-values';

export interface LoadedApp {
  /** The validated answers and cluster settings. */
  readonly model: AppModel;
  /** What the file was read as (vibe.yaml, Helm values, JSON). */
  readonly format: InputFormat;
  /** Fields that were accepted but have no effect, for the user to clean up. */
  readonly notes: readonly string[];
}

/**
 * Reads an answers file: a `vibe.yaml` (the answers at the top level, plus `cluster:`) or the
 * Helm chart's `values.yaml` (`app:`, `cluster:`, `postgres:` …). Every problem names the
 * field as the user wrote it and the line it is on.
 */
export function loadAppFile(file: string): LoadedApp {
  return loadAppFiles([file]);
}

/**
 * Several answers files (`-f base.yaml -f prod.yaml`), merged as Helm merges them: in order,
 * maps deep-merged, lists and scalars replaced, `null` deleting a key (Helm shape).
 */
export function loadAppFiles(files: readonly string[]): LoadedApp {
  return loadValues(ValuesFiles.read(files));
}

export function loadAppSource(source: YamlSource): LoadedApp {
  return loadValues(ValuesFiles.of([source]));
}

/** Every problem at once: unknown fields, credentials, the sealed file and the answers themselves. */
function loadValues(values: ValuesFiles): LoadedApp {
  const value = values.value;
  const helm = values.helm;
  const rename = helm ? helmPath : (field: string) => field;
  const locate = (found: readonly InputProblem[], renameFields = true): InputProblem[] =>
    found.map((p) => {
      const field = renameFields ? rename(p.field) : p.field;
      return { ...p, field, location: p.location ?? values.locationOf(field) };
    });

  const problems: InputProblem[] = [];
  let answers: Record<string, unknown>;
  let cluster: unknown;
  let notes: string[] = [];
  if (helm) {
    const mapping = mapHelmValues(value);
    problems.push(...locate(mapping.problems, false));
    ({ cluster, notes } = mapping);
    answers = mapping.answers;
  } else {
    const { cluster: clusterBlock, ...rest } = value;
    answers = rest;
    cluster = clusterBlock ?? {};
  }
  const secretsField = helm ? 'app.secrets' : 'secrets';
  try {
    answers = withSealedFile(answers, values.fileOf(secretsField), secretsField, values.locationOf(secretsField));
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    problems.push(...error.problems);
    // Reported above; the answers are still checked, without the file that could not be read.
    const { secrets: _unread, ...rest } = answers;
    answers = rest;
  }
  let model: AppModel | undefined;
  try {
    model = AppModel.resolve(answers, cluster, undefined, helm ? helmExample : undefined);
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    problems.push(...locate(error.problems));
  }
  if (problems.length || !model) throw new VibeInputError(inFileOrder(withoutRepeats(problems), values.files));
  return { model, format: helm ? 'helm-values' : 'vibe.yaml', notes };
}

/** Problems in the order of the files given, then of their lines (a problem without a line last in its file). */
function inFileOrder(problems: readonly InputProblem[], files: readonly string[]): InputProblem[] {
  const place = (p: InputProblem): [number, number] => {
    const match = /^(.*?)(?::(\d+))?$/.exec(p.location ?? '');
    const file = files.indexOf(match?.[1] ?? '');
    return [file < 0 ? files.length : file, match?.[2] ? Number(match[2]) : Number.MAX_SAFE_INTEGER];
  };
  return problems
    .map((problem, index) => ({ problem, index, at: place(problem) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1] || a.index - b.index)
    .map((entry) => entry.problem);
}

/** The Helm field check and the answers schema can both find one unknown field: say it once. */
function withoutRepeats(problems: readonly InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = p.message.startsWith('unknown field') ? `${p.field}\0unknown` : `${p.field}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `secrets: sealed-secrets.yaml` names the sealed file, relative to the answers file; without
 * it, a sealed-secrets.yaml beside the answers file is used.
 */
function withSealedFile(answers: Record<string, unknown>, answersFile: string, field: string, location: string): Record<string, unknown> {
  const written = answers.secrets;
  const file = typeof written === 'string' ? path.resolve(path.dirname(answersFile), written) : written === undefined ? findDefaultSealedFile(path.dirname(answersFile)) : undefined;
  if (!file) return answers;
  try {
    return { ...answers, secrets: SealedSecretFile.load(file) };
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    throw new VibeInputError(error.problems.map((p) => ({ ...p, field: p.field ? `${field} (${p.field})` : field, location: p.location ?? location })));
  }
}
