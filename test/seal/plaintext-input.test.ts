import { PassThrough, Readable } from 'node:stream';
import { VibeInputError } from '../../src/contract/errors';
import { promptHiddenLines } from '../../src/seal/hidden-prompt';
import { parseKeyValueLines } from '../../src/seal/plaintext-lines';
import { collectPlaintext } from '../../src/seal/plaintext-sources';

const SECRET = 'hunter2-Zq9';

function parsed(text: string | Buffer) {
  return parseKeyValueLines(typeof text === 'string' ? Buffer.from(text, 'utf8') : text).map((e) => [e.key, e.value.toString('latin1'), e.origin]);
}

/** The message of the error `run` throws, checked to be bad input that does not leak SECRET. */
function inputError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VibeInputError);
    const message = (error as Error).message;
    expect(message).not.toContain(SECRET);
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected an error');
}

describe('parseKeyValueLines', () => {
  it('keeps the value byte-exact: everything after the first "=", quotes, spaces and "#" included', () => {
    expect(parsed(`A=${SECRET}\nB= spaced = "quoted" # not a comment \nC='single'\nD==x=\n`)).toEqual([
      ['A', SECRET, 'stdin line 1'],
      ['B', ' spaced = "quoted" # not a comment ', 'stdin line 2'],
      ['C', "'single'", 'stdin line 3'],
      ['D', '=x=', 'stdin line 4'],
    ]);
  });

  it('skips blank lines and comments, tolerates CRLF, a BOM and a missing final newline', () => {
    expect(parsed('\uFEFF# comment\r\n\r\n   \nA=one\r\nB=two')).toEqual([
      ['A', 'one', 'stdin line 4'],
      ['B', 'two', 'stdin line 5'],
    ]);
  });

  it('keeps bytes that are not UTF-8', () => {
    const input = Buffer.concat([Buffer.from('BIN='), Buffer.from([0xff, 0x00, 0xfe]), Buffer.from('\n')]);
    expect(parseKeyValueLines(input)[0].value).toEqual(Buffer.from([0xff, 0x00, 0xfe]));
  });

  it('fails on a line without "=", naming the line number only', () => {
    expect(inputError(() => parsed(`A=1\n${SECRET}\n`))).toBe(
      'stdin: line 2 has no "=": every line must be KEY=VALUE (the line is not shown, it may hold a secret). Example: DATABASE_PASSWORD=s3cr3t',
    );
  });

  it.each([
    ['a space in the name', `MY KEY=${SECRET}`, /^stdin: line 1: the name before the first "=" is not a valid Secret key: a key may hold only letters, digits, "-", "_" and "." \(no spaces, no "export"\)\. Example/],
    ['an export prefix', `export A=${SECRET}`, /no "export"/],
    ['an empty name', `=${SECRET}`, /^stdin: line 1: the name before the first "=" is not a valid Secret key/],
    ['a URL before the "="', `postgres://u:${SECRET}@db/x?a=1`, /^stdin: line 1: the name before the first "=" is not a valid Secret key/],
    ['a name starting with ".."', `..A=${SECRET}`, /cannot be "\." or start with "\.\."/],
    ['an empty value', 'A=', /^stdin: line 1 has nothing after "="; an empty value is not sealed/],
    ['a pasted base64 string', `${Buffer.from(SECRET + 'x').toString('base64').replace(/=+$/, '')}==`, /^stdin: line 1 looks like a base64 string without a KEY= in front/],
    ['a duplicate key', `A=1\n\nA=${SECRET}`, /^stdin: line 3 sets the same key as line 1; give each key once\.$/],
  ])('fails on %s without repeating the line', (_, text, message) => {
    expect(inputError(() => parsed(text))).toMatch(message);
  });
});

/** A stream that looks like a terminal to the prompt; its raw mode is recorded. */
function fakeTerminal() {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: jest.Mock };
  stream.isTTY = true;
  stream.setRawMode = jest.fn();
  return stream;
}

function captured() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk.toString()));
  return { out, text: () => text };
}

describe('collectPlaintext', () => {
  const piped = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { isTTY: false });

  it('reads piped stdin and the named environment variables together', async () => {
    const entries = await collectPlaintext({ fromEnv: ['TOKEN'], env: { TOKEN: `${SECRET}\nline two` }, stdin: piped('A=1\n'), promptOutput: new PassThrough() });
    expect(entries.map((e) => [e.key, e.value.toString(), e.origin])).toEqual([
      ['A', '1', 'stdin line 1'],
      ['TOKEN', `${SECRET}\nline two`, '--from-env TOKEN'],
    ]);
  });

  it('leaves a terminal alone when --from-env gives the values', async () => {
    const terminal = fakeTerminal();
    const entries = await collectPlaintext({ fromEnv: ['TOKEN'], env: { TOKEN: SECRET }, stdin: terminal, promptOutput: new PassThrough() });
    expect(entries.map((e) => e.key)).toEqual(['TOKEN']);
    expect(terminal.setRawMode).not.toHaveBeenCalled();
  });

  it('prompts on a terminal when nothing else is given', async () => {
    const terminal = fakeTerminal();
    const promise = collectPlaintext({ fromEnv: [], env: {}, stdin: terminal, promptOutput: new PassThrough() });
    terminal.write(`A=${SECRET}\r\r`);
    const entries = await promise;
    expect(entries.map((e) => [e.key, e.value.toString(), e.origin])).toEqual([['A', SECRET, 'input line 1']]);
  });

  it.each([
    ['a variable that is not set', { fromEnv: ['DB_PASSWORD'], env: {} }, /^--from-env: the environment variable DB_PASSWORD is not set\./],
    ['an empty variable', { fromEnv: ['DB_PASSWORD'], env: { DB_PASSWORD: '' } }, /^--from-env: the environment variable DB_PASSWORD is empty/],
    ['a variable named twice', { fromEnv: ['A', 'A'], env: { A: SECRET } }, /^--from-env: A is given twice/],
    ['a name that is not a Secret key', { fromEnv: ['MY VAR'], env: { 'MY VAR': SECRET } }, /^--from-env: got something that is not a variable name \(6 characters, capital letters, spaces;.*The variable's name becomes the Secret key/],
  ])('fails on %s, naming the variable only', async (_, given, message) => {
    const attempt = collectPlaintext({ ...given, stdin: piped(''), promptOutput: new PassThrough() });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.not.toThrow(SECRET);
  });

  it('fails when stdin and --from-env give the same key', async () => {
    const attempt = collectPlaintext({ fromEnv: ['A'], env: { A: SECRET }, stdin: piped(`A=${SECRET}\n`), promptOutput: new PassThrough() });
    await expect(attempt).rejects.toThrow(/^--from-env: A is also set by stdin line 1; give each key once\.$/);
  });

  it('fails on empty input with an example', async () => {
    const attempt = collectPlaintext({ fromEnv: [], env: {}, stdin: piped('# only a comment\n\n'), promptOutput: new PassThrough() });
    await expect(attempt).rejects.toThrow(/^stdin: no KEY=VALUE lines to seal .* Example: vibe seal \.\.\. --from-env DATABASE_PASSWORD$/);
  });

  it('fails on more than 1 MiB of stdin', async () => {
    const attempt = collectPlaintext({ fromEnv: [], env: {}, stdin: piped(`A=${'x'.repeat(1024 * 1024)}\n`), promptOutput: new PassThrough() });
    await expect(attempt).rejects.toThrow(/^stdin: is more than 1048576 bytes/);
  });
});

describe('promptHiddenLines', () => {
  it('collects lines without echoing them, with backspace, Ctrl-U and cursor keys handled', async () => {
    const terminal = fakeTerminal();
    const output = captured();
    const promise = promptHiddenLines(terminal, output.out);
    terminal.write('A=wrong\x15A=h\x1b[Dunter2é\x7f\r\n');
    terminal.write(`B=${SECRET}\r`);
    terminal.write('\r');
    const lines = await promise;
    expect(lines.toString()).toBe(`A=hunter2\nB=${SECRET}\n`);
    expect(output.text()).not.toContain('hunter2');
    expect(output.text()).toMatch(/^Type KEY=VALUE lines; the typing is hidden\./);
    expect(output.text()).toContain('(line 2 taken)');
    expect(terminal.setRawMode.mock.calls).toEqual([[true], [false]]);
  });

  it('ends on Ctrl-D, keeping the line being typed', async () => {
    const terminal = fakeTerminal();
    const promise = promptHiddenLines(terminal, new PassThrough());
    terminal.write('A=1\rB=2\x04');
    expect((await promise).toString()).toBe('A=1\nB=2\n');
  });

  it('fails on Ctrl-C and restores the terminal', async () => {
    const terminal = fakeTerminal();
    const promise = promptHiddenLines(terminal, new PassThrough());
    terminal.write(`A=${SECRET}\x03`);
    await expect(promise).rejects.toThrow(/^stdin: cancelled with Ctrl-C; nothing was sealed\.$/);
    expect(terminal.setRawMode).toHaveBeenLastCalledWith(false);
  });

  it('fails on a terminal that cannot hide typing', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    await expect(promptHiddenLines(terminal, new PassThrough())).rejects.toThrow(/cannot hide typing/);
  });
});
