import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { VibeInputError } from '../contract/errors';
import { readBoundedFile } from '../io/bounded-read';
import { decodeText } from '../io/text-decoding';
import { KUBERNETES_YAML } from '../manifests/kubernetes-yaml';
import { yamlProblem } from '../manifests/yaml-problem';
import { isMap, LineCounter, parseDocument, type Document } from '../shared-yaml';

/** Answers files are small; anything bigger is a wrong path, not a config. */
const MAX_ANSWERS_FILE_BYTES = 1024 * 1024;

/**
 * How scalars are read. `yaml-1.2`: vibe.yaml (`yes` is text). `helm`: the way Helm reads a values
 * file (sigs.k8s.io/yaml over go-yaml v2, as kubectl does): `yes`/`no`/`on`/`off`/`y`/`n` are booleans.
 */
export type YamlDialect = 'yaml-1.2' | 'helm';

const DIALECTS: Readonly<Record<YamlDialect, ParseOptions & DocumentOptions & SchemaOptions>> = {
  'yaml-1.2': { prettyErrors: false, uniqueKeys: true },
  'helm': KUBERNETES_YAML,
};

export interface YamlSourceOptions {
  /** @default 'yaml-1.2' */
  readonly dialect?: YamlDialect;
  /** An empty file reads as `{}` (a Helm override file may be empty). @default false */
  readonly allowEmpty?: boolean;
}

/** A parsed YAML file that can say on which line a field was written. */
export class YamlSource {
  /** Reads and parses a YAML file; syntax errors are reported as `file:line:column`. */
  public static read(file: string, options: YamlSourceOptions = {}): YamlSource {
    const bytes = readBoundedFile(file, { field: 'values', maxBytes: MAX_ANSWERS_FILE_BYTES, what: 'the answers file', hint: 'Example: --values examples/inventory-checker/values.yaml' });
    const text = decodeText(bytes);
    if (text === undefined) throw VibeInputError.single('values', `"${file}" is a binary file, not YAML.`);
    return YamlSource.parse(text, file, options);
  }

  public static parse(text: string, file: string, options: YamlSourceOptions = {}): YamlSource {
    const dialect = options.dialect ?? 'yaml-1.2';
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { ...DIALECTS[dialect], lineCounter });
    if (document.errors.length > 0) {
      const error = document.errors[0];
      const pos = lineCounter.linePos(error.pos[0]);
      throw VibeInputError.single(`${file}:${pos.line}:${pos.col}`, `not valid YAML: ${yamlProblem(error)}. Check the indentation and quotes on that line.`);
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 50 });
    } catch (error) {
      // The parser's message may quote the file; say what is wrong instead.
      const bomb = /resource exhaustion/i.test((error as Error).message);
      throw VibeInputError.single(file, bomb ? 'cannot be read as YAML: its aliases (*name) expand to too many copies. Write the values out.' : 'cannot be read as YAML: an alias (*name) has no &anchor before it. Define each &anchor before its *alias.');
    }
    if ((value === null || value === undefined) && options.allowEmpty) return new YamlSource(file, text, dialect, document, lineCounter, {});
    if (value === null || value === undefined) throw VibeInputError.single(file, 'is empty; it must hold the app answers. Example: slug: inventory-checker');
    if (!isMap(document.contents)) throw VibeInputError.single(file, 'must be a map of fields (key: value), not a list or a single value. Example: slug: inventory-checker');
    return new YamlSource(file, text, dialect, document, lineCounter, value);
  }

  private constructor(
    public readonly file: string,
    private readonly text: string,
    public readonly dialect: YamlDialect,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    public readonly value: unknown,
  ) {}

  /** The same text read in another dialect (a values file turned out to be Helm's). */
  inDialect(dialect: YamlDialect, allowEmpty = false): YamlSource {
    return dialect === this.dialect ? this : YamlSource.parse(this.text, this.file, { dialect, allowEmpty });
  }


  /** The line a dotted path (`app.image.tag`, `env.KEY`) was written on, or of its nearest parent. */
  lineOf(dottedPath: string): number | undefined {
    const parts = pathParts(dottedPath);
    for (let length = parts.length; length > 0; length--) {
      const node = this.document.getIn(parts.slice(0, length), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lineCounter.linePos(node.range[0]).line;
      // A key whose value is missing has no node; the key itself still has a place.
    }
    return undefined;
  }
}

/** `app.image.tag`, `allowEgressTo[0].cidr` → the keys and indexes of `Document.getIn`. */
function pathParts(dottedPath: string): (string | number)[] {
  return dottedPath
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
