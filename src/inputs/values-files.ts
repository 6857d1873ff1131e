import { mergeHelmValues, ownerIndex, withoutNulls } from './helm-merge';
import { isHelmValues } from './helm-values';
import { YamlSource } from './yaml-source';
import { VibeInputError, type InputProblem } from '../contract/errors';

type Values = Record<string, unknown>;

/**
 * One or more answers files given with `-f`, merged as Helm merges them (helm-merge.ts). Files in
 * the Helm shape are read in Helm's YAML dialect; every problem is located in the file and on
 * the line whose value won the merge.
 */
export class ValuesFiles {
  /** Reads every file; the syntax errors of all of them are reported together. */
  public static read(files: readonly string[]): ValuesFiles {
    const problems: InputProblem[] = [];
    const sources: YamlSource[] = [];
    for (const [index, file] of files.entries()) {
      try {
        sources.push(YamlSource.read(file, { allowEmpty: index > 0 }));
      } catch (error) {
        if (!(error instanceof VibeInputError)) throw error;
        problems.push(...error.problems);
      }
    }
    if (problems.length) throw new VibeInputError(problems);
    return ValuesFiles.of(sources);
  }

  /** Sources parsed already; re-read in Helm's dialect when any of them is in the Helm shape. */
  public static of(sources: readonly YamlSource[]): ValuesFiles {
    const helm = sources.some((s) => isHelmValues(s.value));
    if (!helm) return new ValuesFiles(sources, false);
    const problems: InputProblem[] = [];
    const reread: YamlSource[] = [];
    for (const [index, source] of sources.entries()) {
      try {
        reread.push(source.inDialect('helm', index > 0));
      } catch (error) {
        if (!(error instanceof VibeInputError)) throw error;
        problems.push(...error.problems);
      }
    }
    if (problems.length) throw new VibeInputError(problems);
    return new ValuesFiles(reread, true);
  }

  /** The merged values (Helm shape: `null` keys deleted). */
  public readonly value: Values;

  private constructor(
    private readonly sources: readonly YamlSource[],
    /** The files are the Helm chart's values (`app:`, `postgres:` …), not vibe.yaml. */
    public readonly helm: boolean,
  ) {
    const merged = mergeHelmValues(sources.map((s) => s.value as Values));
    this.value = helm ? withoutNulls(merged) : merged;
  }

  /** The files, in the order given (the last one wins). */
  get files(): readonly string[] {
    return this.sources.map((s) => s.file);
  }

  /** The file a dotted path's value came from, or the first file when none writes it. */
  fileOf(dottedPath: string): string {
    return this.sources[this.ownerOf(dottedPath)].file;
  }

  /** `file:line` of a dotted path (or its nearest written parent) in the file it came from. */
  locationOf(dottedPath: string): string {
    const source = this.sources[this.ownerOf(dottedPath)];
    const line = source.lineOf(dottedPath);
    return line ? `${source.file}:${line}` : source.file;
  }

  private ownerOf(dottedPath: string): number {
    const parts = dottedPath.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
    const values = this.sources.map((s) => s.value as Values);
    // Nearest parent first written somewhere: the owner of the longest prefix any file has.
    for (let length = parts.length; length > 0; length--) {
      const owner = ownerIndex(values, parts.slice(0, length));
      if (owner !== undefined) return owner;
    }
    return 0;
  }
}
