import { VibeInputError } from '../contract/errors';

/** The parts of a terminal's input stream the prompt needs (process.stdin when it is a TTY). */
export interface TerminalInput {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  removeListener(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = 0x08;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const CTRL_U = 0x15;
const ESCAPE = 0x1b;
const DELETE = 0x7f;

/**
 * Asks for `KEY=VALUE` lines on a terminal without echoing them, so a secret never shows on
 * screen or in the scrollback. Ends on an empty line or Ctrl-D; Ctrl-C cancels. Returns the
 * lines joined with `\n`, ready for parseKeyValueLines.
 */
export function promptHiddenLines(input: TerminalInput, output: NodeJS.WritableStream): Promise<Buffer> {
  if (!input.setRawMode) return Promise.reject(VibeInputError.single('stdin', 'is a terminal that cannot hide typing; pipe the values in instead. Example: vibe seal ... --from-env DATABASE_PASSWORD'));
  output.write('Type KEY=VALUE lines; the typing is hidden. Finish with an empty line or Ctrl-D (Ctrl-C cancels).\n');
  const editor = new HiddenLineEditor(output);
  return new Promise<Buffer>((resolve, reject) => {
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      if (error) {
        editor.wipe();
        reject(error);
      } else {
        resolve(editor.result());
      }
    };
    const onData = (chunk: Buffer | string) => {
      const outcome = editor.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      if (outcome === 'cancelled') finish(VibeInputError.single('stdin', 'cancelled with Ctrl-C; nothing was sealed.'));
      else if (outcome === 'done') finish();
    };
    input.setRawMode!(true);
    input.on('data', onData);
    input.resume();
  });
}

/** Collects keystrokes into lines: backspace, Ctrl-U and Enter work; cursor keys are ignored. */
class HiddenLineEditor {
  private readonly lines: Buffer[] = [];
  private current: number[] = [];
  private inEscape = false;
  private afterCarriageReturn = false;

  constructor(private readonly output: NodeJS.WritableStream) {}

  feed(bytes: Buffer): 'more' | 'done' | 'cancelled' {
    for (const byte of bytes) {
      const lineFeedAfterReturn = byte === LINE_FEED && this.afterCarriageReturn;
      this.afterCarriageReturn = byte === CARRIAGE_RETURN;
      if (this.inEscape) {
        // ESC [ ... final byte (0x40–0x7e): an arrow or function key, not part of a value.
        if (byte >= 0x40 && byte <= 0x7e && byte !== 0x5b) this.inEscape = false;
        continue;
      }
      if (byte === CTRL_C) return 'cancelled';
      if (byte === CTRL_D) {
        this.endLine();
        return 'done';
      }
      if (lineFeedAfterReturn) continue;
      if (byte === CARRIAGE_RETURN || byte === LINE_FEED) {
        if (this.endLine() === 'empty') return 'done';
        continue;
      }
      if (byte === ESCAPE) this.inEscape = true;
      else if (byte === DELETE || byte === BACKSPACE) this.deleteLastCharacter();
      else if (byte === CTRL_U) this.current = [];
      else if (byte >= 0x20 || byte === TAB) this.current.push(byte);
    }
    return 'more';
  }

  result(): Buffer {
    const joined = Buffer.concat(this.lines.flatMap((line) => [line, Buffer.from('\n')]));
    this.wipe();
    return joined;
  }

  /** Best effort: overwrite what was typed once it has been handed over or abandoned. */
  wipe(): void {
    for (const line of this.lines) line.fill(0);
    this.lines.length = 0;
    this.current.fill(0);
    this.current = [];
  }

  private endLine(): 'empty' | 'line' {
    if (this.current.length === 0) return 'empty';
    this.lines.push(Buffer.from(this.current));
    this.current.fill(0);
    this.current = [];
    this.output.write(`  (line ${this.lines.length} taken)\n`);
    return 'line';
  }

  /** Removes one whole UTF-8 character: its continuation bytes, then its first byte. */
  private deleteLastCharacter(): void {
    while (this.current.length > 0 && isContinuationByte(this.current[this.current.length - 1])) this.current.pop();
    this.current.pop();
  }
}

/** UTF-8 continuation bytes are 10xxxxxx. */
function isContinuationByte(byte: number): boolean {
  return byte >= 0x80 && byte < 0xc0;
}
