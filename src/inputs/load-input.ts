import * as path from 'node:path';
import { findDefaultSealedFile } from './default-sealed-file';
import { helmPath, isHelmValues, mapHelmValues } from './helm-values';
import { YamlSource } from './yaml-source';
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
  return loadAppSource(YamlSource.read(file));
}

export function loadAppSource(source: YamlSource): LoadedApp {
  const value = source.value as Record<string, unknown>;
  const helm = isHelmValues(value);
  const rename = helm ? helmPath : (field: string) => field;
  const locate = (problems: readonly InputProblem[], renameFields = true): InputProblem[] =>
    problems.map((p) => {
      const field = renameFields ? rename(p.field) : p.field;
      const line = source.lineOf(field);
      return { ...p, field, location: line ? `${source.file}:${line}` : source.file };
    });

  let answers: unknown;
  let cluster: unknown;
  let notes: string[] = [];
  if (helm) {
    const mapping = mapHelmValues(value);
    if (mapping.problems.length) throw new VibeInputError(locate(mapping.problems, false));
    ({ answers, cluster, notes } = mapping);
  } else {
    const { cluster: clusterBlock, ...rest } = value;
    answers = rest;
    cluster = clusterBlock ?? {};
  }
  answers = withSealedFile(answers, source.file, helm ? 'app.secrets' : 'secrets', source.lineOf(helm ? 'app.secrets' : 'secrets'));
  try {
    return { model: AppModel.resolve(answers, cluster), format: helm ? 'helm-values' : 'vibe.yaml', notes };
  } catch (error) {
    if (error instanceof VibeInputError) throw new VibeInputError(locate(error.problems));
    throw error;
  }
}

/**
 * `secrets: sealed-secrets.yaml` names the sealed file, relative to the answers file; without
 * it, a sealed-secrets.yaml beside the answers file is used.
 */
function withSealedFile(answers: unknown, answersFile: string, field: string, line: number | undefined): unknown {
  const written = (answers as Record<string, unknown>)?.secrets;
  const file = typeof written === 'string' ? path.resolve(path.dirname(answersFile), written) : written === undefined ? findDefaultSealedFile(path.dirname(answersFile)) : undefined;
  if (!file) return answers;
  try {
    return { ...(answers as object), secrets: SealedSecretFile.load(file) };
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    const location = line ? `${answersFile}:${line}` : answersFile;
    throw new VibeInputError(error.problems.map((p) => ({ ...p, field: p.field ? `${field} (${p.field})` : field, location: p.location ?? location })));
  }
}
