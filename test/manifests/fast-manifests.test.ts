import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as jsYaml from 'js-yaml';
import { stringify } from 'yaml';
import { parseManifests, parseManifestsFast, parseManifestsReference } from '../../src/manifests/parse-manifests';
import { corpusPath } from '../helpers/corpus';

/**
 * The fast reader (js-yaml) must never disagree with the reference reader (`yaml`, the
 * kubectl dialect): for every text it either declines (`undefined`, so the reference reads it)
 * or returns exactly the reference's objects and lines. A disagreement would let a review see a
 * different object than the cluster does.
 */

type Outcome = { objects: unknown } | { error: string };

function reference(text: string): Outcome {
  try {
    return { objects: parseManifestsReference(text, 'f.yaml') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Fails the test with the text when the fast reader answers differently; returns whether it answered. */
function expectAgreement(text: string): boolean {
  const fast = parseManifestsFast(text, 'f.yaml');
  if (fast === undefined) return false;
  const expected = reference(text);
  if ('error' in expected) throw new Error(`the fast reader accepted what the reference refuses (${expected.error}):\n${text}`);
  // node's deep equality, not jest's: jest compares `.constructor`, which a YAML key may set.
  if (!isDeepStrictEqual(fast, expected.objects)) {
    throw new Error(`the readers disagree on:\n${text}\nfast: ${inspect(fast, { depth: 12 })}\nreference: ${inspect(expected.objects, { depth: 12 })}`);
  }
  return true;
}

function manifestFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}

const REPO = path.resolve(__dirname, '..', '..');
const GOLDEN_FILES = manifestFilesUnder(path.join(REPO, 'test', 'golden'));
const ALL_FILES = [...GOLDEN_FILES, ...manifestFilesUnder(path.join(REPO, 'test', 'checks')), ...manifestFilesUnder(corpusPath('', 'test/manifests/fast-manifests (corpus files)') ?? '')];

describe('fast manifest reader', () => {
  test('reads every golden file itself, with the same objects and lines as the reference', () => {
    expect(GOLDEN_FILES.length).toBeGreaterThan(40);
    const declined = GOLDEN_FILES.filter((file) => !expectAgreement(fs.readFileSync(file, 'utf8')));
    // Our own output is the common case the fast path exists for; cases/ holds answers, not manifests.
    expect(declined.filter((file) => !file.includes(`${path.sep}cases${path.sep}`))).toEqual([]);
  });

  test('agrees with the reference on every fixture and corpus file (or declines)', () => {
    let answered = 0;
    for (const file of ALL_FILES) if (expectAgreement(fs.readFileSync(file, 'utf8'))) answered++;
    expect(answered).toBeGreaterThan(ALL_FILES.length / 2);
  });

  test.each([
    ['YAML 1.1 booleans and octals', 'apiVersion: v1\nkind: ConfigMap\ndata: {a: yes, b: off, c: 0644, d: 0x1F, e: 1_000, f: ~, g: .5, h: "on"}\n'],
    ['documents, comments and empty documents', '# head\n---\n---\napiVersion: v1\nkind: A\n...\n---\n\n# only a comment\n---\n  apiVersion: v1\n  kind: B\n'],
    ['block scalars and a document marker right after', 'apiVersion: v1\nkind: A\ndata:\n  s: |\n    x\n\n  t: >-\n    folded\n    text\n---\napiVersion: v1\nkind: B\n'],
    ['JSON', '{"apiVersion": "v1", "kind": "A", "metadata": {"name": "n", "labels": {"x": "1"}}, "n": [1, 2.5, true, null]}'],
    ['a __proto__ key', 'apiVersion: v1\nkind: A\nmetadata:\n  __proto__: {polluted: true}\n'],
    ['CRLF line ends', 'apiVersion: v1\r\nkind: A\r\n---\r\napiVersion: v1\r\nkind: B\r\n'],
  ])('answers for %s', (_what, text) => {
    expect(expectAgreement(text)).toBe(true);
  });

  test.each([
    ['aliases', 'apiVersion: v1\nkind: A\na: &x {b: 1}\nc: *x\n'],
    ['merge keys', 'apiVersion: v1\nkind: A\nbase: &b {x: 1}\nm:\n  <<: *b\n'],
    ['explicit tags', 'apiVersion: v1\nkind: A\nn: !!int "5"\n'],
    ['null and complex keys', 'apiVersion: v1\nkind: A\n~: x\n? [a]\n: b\n'],
    ['List kinds (their items need lines)', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: A\n'],
    ['syntax errors', 'apiVersion: v1\nkind: A\n  bad: [\n'],
    ['duplicate keys', 'apiVersion: v1\nkind: A\nkind: B\n'],
    ['documents that are not objects', '- a\n- b\n'],
    ['deep nesting', `apiVersion: v1\nkind: A\nx: ${'['.repeat(150)}${']'.repeat(150)}\n`],
  ])('leaves %s to the reference reader', (_what, text) => {
    expect(parseManifestsFast(text, 'f.yaml')).toBeUndefined();
    const viaEntry = (() => {
      try {
        return parseManifests(text, 'f.yaml');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    const expected = reference(text);
    expect(isDeepStrictEqual(viaEntry, 'error' in expected ? expected.error : expected.objects)).toBe(true);
  });

  /** Scalars whose meaning depends on the YAML dialect, and keys that trip naive readers. */
  const trickyText = fc.oneof(
    fc.constantFrom('yes', 'No', 'ON', 'off', 'y', 'n', '0644', '0o17', '0x1F', '0b101', '1_000', '1e3', '.5', '-.inf', '.NaN', '~', 'null', '', ' ', '12:30:00', '2001-12-14', '__proto__', 'constructor', 'a: b', '- x', '#c', '"q"', "'s'", 'tab\there', 'multi\nline\n', 'trailing \n\n', '---', '...', 'ünïcödé', '\u2028'),
    fc.string({ maxLength: 12 }),
  );
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, trickyText, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(trickyText, tie('node'), { maxKeys: 4 })),
  })).node;
  const manifest = fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1'), kind: fc.constantFrom('ConfigMap', 'Deployment'), metadata: fc.record({ name: fc.string({ maxLength: 8 }) }), data: value });
  const writers: Array<[string, (objects: unknown[]) => string]> = [
    ['yaml', (objects) => objects.map((o) => stringify(o)).join('---\n')],
    ['yaml flow, short lines', (objects) => objects.map((o) => stringify(o, { flowCollectionPadding: false, collectionStyle: 'flow', lineWidth: 20, minContentWidth: 5 })).join('---\n')],
    ['yaml block scalars, indent 4', (objects) => objects.map((o) => stringify(o, { blockQuote: 'literal', indent: 4, indentSeq: false, defaultStringType: 'PLAIN' })).join('\n---\n')],
    ['js-yaml', (objects) => objects.map((o) => jsYaml.dump(o)).join('---\n')],
    ['JSON', (objects) => objects.map((o) => JSON.stringify(o, null, 1)).join('\n---\n')],
  ];

  test.each(writers)('agrees with the reference on random manifests written by %s', (_writer, write) => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), (objects) => {
        if (expectAgreement(write(objects))) answered++;
      }),
      { numRuns: 300 },
    );
    // Declining is always "in agreement": the fast reader must also have answered most of them.
    expect(answered).toBeGreaterThan(150);
  });

  test('agrees with the reference on randomly damaged golden files', () => {
    const texts = GOLDEN_FILES.filter((file) => /\/(0[0-9]|1[0-2])-/.test(file)).map((file) => fs.readFileSync(file, 'utf8'));
    const damage = fc.record({
      text: fc.constantFrom(...texts),
      at: fc.nat(),
      cut: fc.nat({ max: 3 }),
      insert: fc.constantFrom('', ':', '- ', '  ', '\n', '#', '&a ', '*a', '"', "'", '{', '[', ']', '}', ',', '|', '>', '!', '? ', '<<: ', '---\n', '...\n', '\t', 'yes', '0644', '%YAML 1.1\n'),
    });
    let answered = 0;
    fc.assert(
      fc.property(damage, ({ text, at, cut, insert }) => {
        const position = at % (text.length + 1);
        if (expectAgreement(text.slice(0, position) + insert + text.slice(position + cut))) answered++;
      }),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(500);
  });
});
