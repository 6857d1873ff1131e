/**
 * Characters a terminal or log viewer acts on instead of showing: C0 controls (ESC starts
 * colour, cursor and OSC 52 clipboard sequences; CR and LF start a forged line), DEL, C1
 * controls (U+0080–U+009F, CSI and OSC among them), the line and paragraph separators, and the
 * bidirectional formatting characters (U+202E turns `[A1] ok` around on screen).
 * @see https://unicode.org/reports/tr9/#Directional_Formatting_Characters
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * A text read from a manifest, an answers file or a path, safe to print on one line of a text
 * report or of stderr: every character above is written as its escape (`\x1B`, `\u202E`), so
 * a value can neither move the cursor nor start a line that looks like the report's own.
 * Tabs stay. JSON and SARIF output escape by themselves and do not use this.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOf);
}

function escapeOf(character: string): string {
  const code = character.charCodeAt(0);
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True when `text` holds nothing {@link printable} would escape. */
export function isPrintable(text: string): boolean {
  UNPRINTABLE.lastIndex = 0;
  const found = UNPRINTABLE.test(text);
  UNPRINTABLE.lastIndex = 0;
  return !found;
}
