import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { VibeInputError } from '../../src/contract/errors';
import { isPrintable, printable } from '../../src/io/printable';
import { loadManifests } from '../../src/manifests/load-manifests';
import type { SkippedFile } from '../../src/manifests/non-manifest-files';
import { formatText } from '../../src/review/report/text';
import { STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

// Messages: a file's content is never quoted, text output cannot be steered by the values it
// prints, symlinks do not reach outside the folder given, and every filesystem condition on the
// user's side exits 2. Some cases run the compiled CLI: build with `npx tsc --build` first.

/** Characters a terminal acts on: C0 but tab, DEL, C1, line/paragraph separators, bidi controls, BOM. */
const UNPRINTABLE_CODES = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
];
const UNPRINTABLE = new Set(UNPRINTABLE_CODES.map((c) => String.fromCharCode(c)));

const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...UNPRINTABLE), fc.constantFrom('[', ']', 'A', '1', ' ', '\t', 'é', '日'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 60 });

describe('printable', () => {
  it('leaves no control, C1 or bidi character, and no line break, in any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const shown = printable(text);
        expect([...shown].some((c) => UNPRINTABLE.has(c))).toBe(false);
        expect(isPrintable(shown)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing in text that holds none of them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }).filter((t) => ![...t].some((c) => UNPRINTABLE.has(c))), (text) => {
        expect(printable(text)).toBe(text);
      }),
    );
  });

  it.each([
    ['ESC colour', '\u001b[31mred\u001b[0m', '\\x1B[31mred\\x1B[0m'],
    ['OSC 52 (clipboard)', '\u001b]52;c;ZXZpbA==\u0007', '\\x1B]52;c;ZXZpbA==\\x07'],
    ['C1 CSI', '\u009b2J', '\\x9B2J'],
    ['right-to-left override', 'abc\u202Edef', 'abc\\u202Edef'],
    ['a forged line', 'x\n  [A1] forged', 'x\\n  [A1] forged'],
    ['carriage return', 'ok\rno', 'ok\\rno'],
  ])('escapes %s', (_name, text, shown) => expect(printable(text)).toBe(shown));

  it('keeps a text report one line per finding, whatever the messages hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, anyText), { minLength: 1, maxLength: 5 }), anyText, (findings, app) => {
        const report = formatText({ app, passed: false, summary: [], findings: findings.map(([message, file]) => ({ id: 'C1', severity: 'CRITICAL' as const, message, file, line: 1 })) });
        const lines = report.split('\n');
        // Header, blank, heading, one line per finding, blank, footer, final newline.
        expect(lines).toHaveLength(findings.length + 6);
        expect([...report].some((c) => UNPRINTABLE.has(c) && c !== '\n')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an input error one line per problem', () => {
    const error = new VibeInputError([{ field: 'a\nb', message: 'x\u001b[2J\n[A1] y', location: 'f\u202E.yaml:1' }]);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(isPrintable(error.message)).toBe(true);
  });
});

describe('the CLI prints no raw control character from a manifest', () => {
  it('review (text) and graph escape ESC, OSC 52, C1 and U+202E in names and values', () => {
    const dir = tempDir();
    const evil = 'web\\e]52;c;ZXZpbA==\\a\\e[2J\\x9b31m\\u202E\\n  [Z9] forged line';
    fs.writeFileSync(
      path.join(dir, 'app.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: "${evil}"}`,
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        `    spec: {containers: [{name: "${evil}", image: "nginx"}]}`,
        '',
      ].join('\n'),
    );
    for (const args of [['review', dir], ['graph', dir]]) {
      const result = vibe(args);
      expect(result.stderr).not.toMatch(STACK_LINE);
      const output = result.stdout + result.stderr;
      expect(output).toContain('\\x1B]52;c;');
      expect([...output].some((c) => UNPRINTABLE.has(c) && c !== '\n')).toBe(false);
      expect(output).not.toMatch(/^\s*\[Z9\]/m);
    }
  });
});

describe('a file\'s content is never quoted in a message', () => {
  const MARK = 'ghp_MARK1234567890abcdefghijklmnopqrstuv';
  const broken: Record<string, string> = {
    'a single value': `${MARK}\n`,
    'a list of text': `- ${MARK}\n`,
    'an undefined alias': `apiVersion: v1\nkind: ConfigMap\ndata: *${MARK}\n`,
    'a bad escape': `apiVersion: v1\nkind: ConfigMap\ndata: "\\q${MARK}"\n`,
    'an unknown directive': `%${MARK}\n---\napiVersion: v1\n`,
    'a numeric kind': `apiVersion: v1\nkind: 5\nmetadata: {name: ${MARK}}\n`,
    'a boolean name': `apiVersion: v1\nkind: Secret\nmetadata: {name: yes}\ndata: {token: ${MARK}}\n`,
    'text after a flow collection': `apiVersion: v1\nkind: ConfigMap\ndata: [a] ${MARK}\n`,
    'a duplicate key': `apiVersion: v1\nkind: ConfigMap\n${MARK}: 1\n${MARK}: 2\n`,
  };
  it.each(Object.entries(broken))('in the error for %s', (_name, text) => {
    const dir = tempDir();
    const file = path.join(dir, 'token.yaml');
    fs.writeFileSync(file, text);
    let message = '';
    try {
      loadManifests([file]);
    } catch (error) {
      expect(error).toBeInstanceOf(VibeInputError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/token\.yaml:\d+/);
    expect(message).not.toContain('MARK');
  });

  it('an answers file that is a password file: no line of it is printed', () => {
    const dir = tempDir();
    const shadow = path.join(dir, 'shadow');
    fs.writeFileSync(shadow, ['root:$6$salt$MARKhash:19000:0:99999:7:::', 'daemon:*:19000:0:99999:7:::', 'bob:$y$MARK:19000:0:99999:7:::', ''].join('\n'));
    const result = vibe(['synth', '--values', shadow, '--out', path.join(dir, 'k8s')]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/MARK|root|daemon|bob/);
    expect(result.stderr).toMatch(/holds 3 keys that are not field names \(not shown; is this the right file\?\)/);
    expect(fs.existsSync(path.join(dir, 'k8s'))).toBe(false);
  });

  it('an answers file with a syntax error names the line, not its text', () => {
    const dir = tempDir();
    const answers = path.join(dir, 'vibe.yaml');
    fs.writeFileSync(answers, `slug: shop\nimage: !${'MARK'} x\ntoken: "\\q${'MARK'}"\n`);
    const result = vibe(['synth', '--values', answers, '--out', path.join(dir, 'k8s')]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('MARK');
  });
});

describe('symlinks do not lead out of the folder given', () => {
  const object = (kind: string, name: string) => `apiVersion: v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop}\n`;
  function tree(): { dir: string; outside: string } {
    const base = tempDir();
    const dir = path.join(base, 'k8s');
    const outside = path.join(base, 'elsewhere');
    fs.mkdirSync(dir);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(dir, 'ns.yaml'), object('Namespace', 'shop'));
    fs.writeFileSync(path.join(outside, 'token.yaml'), object('ConfigMap', 'token'));
    fs.symlinkSync(path.join(outside, 'token.yaml'), path.join(dir, 'token.yaml'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'cm.yaml'), object('ConfigMap', 'inside'));
    fs.symlinkSync(path.join(dir, 'sub', 'cm.yaml'), path.join(dir, 'inside-link.yaml'));
    fs.symlinkSync(outside, path.join(dir, 'linked-folder'));
    return { dir, outside };
  }

  it('skips a link to a file or folder outside with a note, and reads links that stay inside', () => {
    const { dir } = tree();
    const skipped: SkippedFile[] = [];
    const names = loadManifests([dir], { skipped }).map((m) => `${m.kind}/${m.name}`);
    expect(names).toEqual(['ConfigMap/inside', 'Namespace/shop', 'ConfigMap/inside']);
    expect(skipped.map((s) => [path.basename(s.file), s.what])).toEqual([
      ['linked-folder', 'a symlink to a file outside the folder, not read (pass --follow-symlinks to read it)'],
      ['token.yaml', 'a symlink to a file outside the folder, not read (pass --follow-symlinks to read it)'],
    ]);
  });

  it('reads them with followSymlinks', () => {
    const { dir } = tree();
    expect(loadManifests([dir], { followSymlinks: true }).map((m) => m.name)).toContain('token');
  });

  it('fails a link given directly that leads outside the working directory, with exit 2', () => {
    const { dir } = tree();
    const result = vibe(['review', path.join(dir, 'token.yaml')], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`${path.join(dir, 'token.yaml')}: is a symlink to a file outside the working directory, not read. Pass the file itself, or --follow-symlinks to read where the link leads.`);
    expect(vibe(['review', '--follow-symlinks', path.join(dir, 'token.yaml')], { cwd: dir }).status).not.toBe(2);
  });
});

describe('filesystem conditions on the user\'s side exit 2 with one plain line', () => {
  const values = path.join(__dirname, '..', '..', 'examples', 'inventory-checker', 'values.yaml');
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['an empty --out', () => '', /^out: is empty/],
    ['a parent that is a file', (dir) => (fs.writeFileSync(path.join(dir, 'f'), ''), path.join(dir, 'f', 'k8s')), /not a folder \(ENOTDIR\)/],
    ['--out that is a file', (dir) => (fs.writeFileSync(path.join(dir, 'f'), ''), path.join(dir, 'f')), /is a file, not a folder/],
    ['a dangling symlink as --out', (dir) => (fs.symlinkSync(path.join(dir, 'gone', 'deeper'), path.join(dir, 'link')), path.join(dir, 'link')), /\(ENOENT\)/],
    ['a folder under /proc (Node\'s recursive mkdir never returns there)', () => '/proc/self/vibe-k8s', /\(ENOENT\)/],
  ];
  it.each(cases)('%s', (_name, out, pattern) => {
    if (out === cases[4][1] && !fs.existsSync('/proc/self')) return;
    const result = vibe(['synth', '--values', values, '--out', out(tempDir())]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
    expect(result.status).toBe(2);
  });
});
