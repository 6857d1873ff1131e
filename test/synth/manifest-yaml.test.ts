import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { parse } from 'yaml';
import { VibeApp } from '../../src';
import { loadAppFile } from '../../src/inputs/load-input';
import { KUBERNETES_YAML } from '../../src/manifests/kubernetes-yaml';
import { fastDocument, manifestYaml } from '../../src/synth/manifest-yaml';

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]|\\u[0-9a-f]{4}|\\[xNLP_0abefv]/u;
const asJson = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
function readBack(text: string): unknown {
  try {
    return parse(text, KUBERNETES_YAML);
  } catch {
    return 'unreadable';
  }
}

const ROOT = path.resolve(__dirname, '..', '..');
const ANSWERS = [
  'examples/inventory-checker/values.yaml',
  'test/golden/cases/everything-off.yaml',
  'test/golden/cases/mongo-rabbitmq.yaml',
  'test/golden/cases/spa-sidecar.yaml',
];

/** Every object the golden sets hold, rendered in memory. */
function goldenObjects(): unknown[] {
  return ANSWERS.flatMap((file) =>
    VibeApp.fromModel(loadAppFile(path.join(ROOT, file)).model, path.join(ROOT, 'k8s-unused'))
      .renderUnchecked()
      .flatMap((f) => f.objects),
  );
}

describe('manifestYaml', () => {
  test('writes every golden object itself, without handing any to yaml, and exactly as Yaml.stringify does', () => {
    const objects = goldenObjects();
    expect(objects.length).toBeGreaterThan(50);
    for (const object of objects) {
      expect(fastDocument(object)).toBe(Yaml.stringify(object));
    }
  });

  // Strings yaml quotes, blocks or escapes for a reason: indicators, YAML 1.1 look-alikes, blanks, line breaks.
  const tricky = fc.constantFrom(
    '', ' ', 'a', 'a b', ' a', 'a ', 'a: b', 'a:b', 'a:', '#a', 'a #b', 'a#b', '-', '- a', '-a', '?', '? a', ':a',
    '[a]', '{a}', 'a,b', '*a', '&a', '!a', '|', '>', '%a', '@a', '`a', '"a"', "'a'", 'a"b', "a'b", 'a\\b', 'a"b\'c',
    'yes', 'Yes', 'no', 'NO', 'on', 'Off', 'y', 'n', 'Y', 'true', 'False', 'null', 'Null', '~', '<<', '=',
    '8080', '+1', '-1', '0x1F', '0o17', '017', '0b101', '1_000', '1:20', '1:20.5', '1.5', '.5', '1e3', '1.0e+3', '.inf', '-.Inf', '.nan',
    '2024-01-01', '2024-01-01T10:00:00Z', '2024-1-1 10:00:00', '---', '---a', '...', 'a\n---\nb', '%x\n', 'ünï', 'ü: x', 'é\n',
    'one\ntwo', 'one\ntwo\n', 'one\n\ntwo\n', 'one\ntwo\n\n', 'one \ntwo', 'one\n two', ' one\ntwo', '\none', 'one\n', 'one\n ',
    'tab\there', '\ttab', 'a\u0007b', 'line\r\nbreak', '{"json": [1, 2]}\n', 'http://a:b@c/d?e=f#g', 'a=b', '${X}', '{{ .Values }}',
  );
  // Mostly what manifests hold, so that most documents take the fast path; the rest hands them to yaml.
  const key = fc.oneof({ arbitrary: fc.stringMatching(/^[a-z][a-z0-9.\/-]{0,12}$/), weight: 8 }, { arbitrary: tricky, weight: 1 });
  const scalar = fc.oneof(
    { arbitrary: tricky, weight: 6 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 6 },
    { arbitrary: fc.integer(), weight: 3 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.constantFrom(0, -0, 1e21, 2 ** 53, true, false, null), weight: 1 },
  );
  const documents = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  }));

  test('is Yaml.stringify byte for byte unless Kubernetes would misread that text, whatever the objects hold (property)', () => {
    let documentsWrittenHere = 0;
    let documentsSeen = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(documents.map, documents.list), { minLength: 1, maxLength: 3 }), (objects) => {
        for (const object of objects) {
          const ours = manifestYaml([object]);
          const theirs = Yaml.stringify(object);
          if (ours === theirs) continue;
          // Only where yaml's text would be misread by Kubernetes, or holds a character YAML
          // readers reject or show differently, is the text our own — and it reads back exactly.
          const misread = !isDeepStrictEqual(asJson(readBack(theirs)), asJson(object));
          expect(misread || UNSAFE.test(theirs) || UNSAFE.test(JSON.stringify(object))).toBe(true);
          expect(asJson(readBack(ours))).toEqual(asJson(object));
        }
        documentsSeen += objects.length;
        documentsWrittenHere += objects.filter((object) => fastDocument(object) !== undefined).length;
      }),
      { numRuns: Number(process.env.RUNS ?? 5000) },
    );
    // The property must exercise the fast path, not only the hand-over to yaml.
    expect(documentsWrittenHere / documentsSeen).toBeGreaterThan(0.1);
  });

  test('writes the common shapes itself: nested maps and lists, block strings, quoted look-alikes', () => {
    const object = { a: { b: ['x', { c: 'one\ntwo\n', d: [] }], e: {} }, port: '8080', flag: 'on', count: 3, f: false, s: 'a b', c: 'one\ntwo' };
    expect(fastDocument(object)).toBe(Yaml.stringify(object));
    expect(fastDocument(object)).toBeDefined();
  });
});
