import { yamlLibrary } from './lazy-yaml';

/** A tab at the start of a line: the only case where the readers could differ. */
const TAB_AFTER_NEWLINE = /\n[ \t]*\t/;

/**
 * Go's YAML (go-yaml v2, which kubectl reads with) takes tabs as the whitespace that starts a
 * continuation line inside a flow collection (`args: [a,⇥b]` over two lines); the `yaml` and
 * js-yaml packages count only spaces there and refuse the line as not indented enough. This
 * rewrites exactly that whitespace — after a newline, inside `[…]` or `{…}`, outside quotes —
 * as spaces, indented one past the line the outermost collection opened on. Tabs anywhere else
 * (block indentation, which Go refuses too, and inside quoted text) are left alone; line
 * numbers do not change.
 */
export function flowTabsAsSpaces(text: string): string {
  // Most files hold no tab at all: one indexOf instead of the regex's backtracking at every newline.
  if (!text.includes('\t') || !TAB_AFTER_NEWLINE.test(text)) return text;
  // The lexer loses the collection after the first line it finds under-indented, so each pass
  // fixes what comes up to there and lexes again; a text needing more passes is left to the reader.
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = onePass(current);
    if (next === undefined) return current;
    current = next;
  }
  return text;
}

const MARKERS = new Set(['\u0002', '\u0018', '\u001f']);

/** Enough for any hand-written file; a hostile one gets the reader's own error instead. */
const MAX_PASSES = 200;

/** The text with the tabs up to the first under-indented line rewritten, or undefined when none is left. */
function onePass(text: string): string | undefined {
  const replacements: Array<{ start: number; end: number; spaces: string }> = [];
  let offset = 0;
  let depth = 0;
  let afterNewline = false;
  let lineStart = 0;
  let openingIndent = 0;
  const { cstTools, Lexer } = yamlLibrary();
  for (const token of new Lexer().lex(text)) {
    const type = cstTools.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (depth === 0) openingIndent = /^ */.exec(text.slice(lineStart))![0].length;
      depth++;
    } else if ((type === 'flow-map-end' || type === 'flow-seq-end') && depth > 0) {depth--;} else if (type === 'doc-start' || type === 'doc-mode') {depth = 0;}
    if (type === 'space' && afterNewline && depth > 0 && token.includes('\t')) {
      replacements.push({ start: offset, end: offset + token.length, spaces: ' '.repeat(openingIndent + 1 + token.length) });
    }
    afterNewline = type === 'newline';
    // The lexer's own markers (document, scalar, flow-error-end) stand for no text of the file.
    if (!MARKERS.has(token)) offset += token.length;
    if (type === 'newline') lineStart = offset;
    if (type === 'flow-error-end') break;
  }
  if (replacements.length === 0) return undefined;
  let result = '';
  let from = 0;
  for (const { start, end, spaces } of replacements) {
    result += text.slice(from, start) + spaces;
    from = end;
  }
  return result + text.slice(from);
}
