import { Document, isMap, isSeq, LineCounter, parseAllDocuments, type ToStringOptions } from 'yaml';
import { KUBERNETES_YAML } from '../../manifests/kubernetes-yaml';
import type { ManifestObject } from '../../manifests/manifest-object';
import { parseManifests } from '../../manifests/parse-manifests';

/**
 * The manifest files being fixed, as text, and one round of edits on them through `yaml`'s
 * document model. A round parses every file into Documents; fixers edit the Documents of the
 * objects they fix; `endRound` turns each changed Document back into text in its place, so
 * unchanged documents (and files) keep every byte, and changed ones keep their comments, key
 * order and quoting.
 */
export class FixWorkspace {
  /** Current text by path; `null` once a fixer removed the file (its objects written elsewhere). */
  private readonly texts = new Map<string, string | null>();
  private readonly originals = new Map<string, string | null>();
  private round = new Map<string, RoundFile>();

  constructor(files: readonly { readonly path: string; readonly text: string }[]) {
    for (const file of files) {
      this.texts.set(file.path, file.text);
      this.originals.set(file.path, file.text);
    }
    this.beginRound();
  }

  /** The paths of the files as they stand (removed files left out). */
  paths(): string[] {
    return [...this.texts].filter(([, text]) => text !== null).map(([path]) => path);
  }

  /** Every object of the current texts, with file and line, as the review reads them. */
  manifests(): ManifestObject[] {
    return this.paths().flatMap((path) => parseManifests(this.texts.get(path)!, path));
  }

  /** The Document that holds the object (the one whose first key is on the object's line). */
  documentOf(manifest: Pick<ManifestObject, 'file' | 'line'>): Document | undefined {
    const file = this.round.get(manifest.file);
    if (!file) return undefined;
    let best: RoundDocument | undefined;
    for (const entry of file.documents) if (entry.line <= manifest.line && (!best || entry.line > best.line)) best = entry;
    // A List's items share one document: editing them through it is left alone.
    if (!best || !isMap(best.document.contents) || isSeq(best.document.get('items', true))) return undefined;
    return best.document;
  }

  /** Marks a Document as edited, so `endRound` writes it back. */
  touch(document: Document): void {
    for (const file of this.round.values()) {
      const entry = file.documents.find((d) => d.document === document);
      if (entry) {
        entry.changed = true;
        file.changed = true;
      }
    }
  }

  /** Adds an object to a file (created when new): first in it, or last. */
  addObject(path: string, object: Record<string, unknown>, where: 'first' | 'last' = 'last', commentBefore?: string | null): void {
    let file = this.round.get(path);
    if (!file) {
      file = { path, documents: [], changed: true };
      this.round.set(path, file);
      if (!this.texts.has(path)) this.originals.set(path, null);
    }
    const document = new Document(object, KUBERNETES_YAML);
    if (commentBefore) document.commentBefore = commentBefore;
    const entry: RoundDocument = { document, line: Number.MAX_SAFE_INTEGER, changed: true, text: '', added: true };
    if (where === 'first') {
      // A file's header comment stays at the top of the file, above the new first object.
      const header = file.documents[0] && !file.documents[0].changed ? /^(#[^\n]*\n)+/.exec(file.documents[0].text)?.[0] : undefined;
      if (header) {
        file.documents[0] = { ...file.documents[0], text: file.documents[0].text.slice(header.length) };
        document.commentBefore = header.trimEnd().split('\n').map((line) => line.slice(1)).join('\n');
      }
      file.documents.unshift(entry);
    } else {file.documents.push(entry);}
    file.changed = true;
  }

  /** Puts a new object in place of an object's document (same file, same position). */
  replaceObject(manifest: Pick<ManifestObject, 'file' | 'line'>, object: Record<string, unknown>): boolean {
    const document = this.documentOf(manifest);
    const file = this.round.get(manifest.file);
    const index = file?.documents.findIndex((d) => d.document === document) ?? -1;
    if (!file || index < 0) return false;
    const replacement = new Document(object, KUBERNETES_YAML);
    const old = file.documents[index];
    // The comments before the object (a file header) stay where they were.
    replacement.commentBefore = leadingComment(old.text) ?? null;
    file.documents[index] = { document: replacement, line: old.line, text: '', changed: true, added: true };
    file.changed = true;
    return true;
  }

  /** The comment lines written above an object (a file header, a note), without their `#`. */
  commentAbove(manifest: Pick<ManifestObject, 'file' | 'line'>): string | undefined {
    const document = this.documentOf(manifest);
    const entry = this.round.get(manifest.file)?.documents.find((d) => d.document === document);
    return entry && !entry.changed ? leadingComment(entry.text) : undefined;
  }

  /** Removes an object's document from its file; a file left without objects is removed. */
  removeObject(manifest: Pick<ManifestObject, 'file' | 'line'>): void {
    const document = this.documentOf(manifest);
    const file = this.round.get(manifest.file);
    if (!document || !file) return;
    file.documents = file.documents.filter((d) => d.document !== document);
    file.changed = true;
  }

  /** Whether a path is among the files (now or at the start). */
  has(path: string): boolean {
    return this.round.has(path) || (this.texts.get(path) ?? null) !== null;
  }

  /** Writes the round's edits back into the texts; true when anything changed. */
  endRound(): boolean {
    let changed = false;
    for (const file of this.round.values()) {
      if (!file.changed) continue;
      const before = this.texts.get(file.path) ?? null;
      const after = renderFile(file);
      if (after !== before) {
        this.texts.set(file.path, after);
        changed = true;
      }
    }
    this.beginRound();
    return changed;
  }

  /** Every file whose text differs from what it was at the start: before and after (`null`: absent). */
  changes(): { path: string; before: string | null; after: string | null }[] {
    const paths = [...new Set([...this.originals.keys(), ...this.texts.keys()])];
    return paths
      .map((path) => ({ path, before: this.originals.get(path) ?? null, after: this.texts.get(path) ?? null }))
      .filter((change) => change.before !== change.after);
  }

  private beginRound(): void {
    this.round = new Map();
    for (const path of this.paths()) this.round.set(path, readRoundFile(path, this.texts.get(path)!));
  }
}

interface RoundDocument {
  readonly document: Document;
  /** 1-based line of the document's first key. */
  readonly line: number;
  /** The document's own text (from the end of the one before), kept as is when unchanged. */
  text: string;
  changed: boolean;
  readonly added?: boolean;
}

interface RoundFile {
  readonly path: string;
  documents: RoundDocument[];
  changed: boolean;
}

function readRoundFile(path: string, text: string): RoundFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { ...KUBERNETES_YAML, lineCounter });
  const documents = Array.isArray(parsed) ? parsed : [];
  const entries: RoundDocument[] = [];
  let start = 0;
  documents.forEach((document, index) => {
    const end = index === documents.length - 1 ? text.length : (document.range?.[2] ?? text.length);
    const contentStart = document.contents?.range?.[0] ?? document.range?.[0] ?? start;
    entries.push({ document, line: lineCounter.linePos(contentStart).line, text: text.slice(start, end), changed: false });
    start = end;
  });
  return { path, documents: entries, changed: false };
}

/** The file's text: unchanged documents as they were, changed ones written by `yaml`. */
function renderFile(file: RoundFile): string | null {
  if (file.documents.length === 0) return null;
  if (/\.json$/i.test(file.path) && file.documents.some((d) => d.changed)) return renderJsonFile(file);
  const style = styleOf(file);
  let out = '';
  file.documents.forEach((entry, index) => {
    let text = entry.changed ? entry.document.toString(style) : entry.text;
    // Every document after the first starts with `---` (a moved one may not have had it).
    if (index > 0 && !/^(\s*#.*\n|\s*\n)*---/.test(text)) text = `---\n${text}`;
    if (out !== '' && !out.endsWith('\n')) out += '\n';
    out += text;
  });
  return out;
}

/**
 * A .json manifest stays JSON (kubectl reads a .json file as JSON; YAML text in it would be a
 * broken file), indented as it was. Two or more objects in it, as when a fix adds one, become a
 * `v1` List, the one JSON shape kubectl applies with several objects.
 */
function renderJsonFile(file: RoundFile): string {
  const objects = file.documents.map((entry) => entry.document.toJS() as unknown).filter((object) => object !== null && object !== undefined);
  const sample = file.documents.find((d) => !d.added)?.text ?? '';
  const indent = /\n([ \t]+)"/.exec(sample)?.[1] ?? '  ';
  const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  return `${JSON.stringify(value, null, indent)}\n`;
}

/** How the file writes nested lists (`- ` under the key, or indented), so edits keep its look. */
function styleOf(file: RoundFile): ToStringOptions {
  const sample = file.documents.find((d) => !d.added)?.text ?? '';
  const unindented = /^( *)[\w.-]+:\n\1- /m.test(sample);
  const indented = /^( *)[\w.-]+:\n\1 {2}- /m.test(sample);
  return { indentSeq: indented || !unindented, lineWidth: 0 };
}

/**
 * Edits every document of a text with `edit` (true when it changed one) and returns the text with
 * only those documents rewritten: what `vibe review --fix --dry-run` uses to hide secret values.
 */
export function rewriteDocuments(text: string, edit: (document: Document) => boolean): string {
  const file = readRoundFile('', text);
  for (const entry of file.documents) if (edit(entry.document)) entry.changed = true;
  return renderFile(file) ?? '';
}


/** The comment lines at the start of a document's text, without their `#` (as `yaml` keeps comments). */
function leadingComment(text: string): string | undefined {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed === '---') continue;
    if (!trimmed.startsWith('#')) break;
    lines.push(trimmed.slice(1));
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}
