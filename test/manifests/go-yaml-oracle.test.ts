import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { load as jsYamlLoad } from 'js-yaml';
import { parse, Parser } from 'yaml';
import { readDocumentsFast } from '../../src/manifests/fast-manifests';
import { resolveGoPlainScalar } from '../../src/manifests/go-yaml-scalars';
import { KUBERNETES_YAML } from '../../src/manifests/kubernetes-yaml';
import { manifestYaml } from '../../src/synth/manifest-yaml';
import { ROOT } from '../helpers/cli';
import { seededRandom } from '../helpers/seeded-random';
import { askOracle, yamlOracle } from '../helpers/yaml-oracle';

/**
 * Differential test against Kubernetes' own YAML (sigs.k8s.io/yaml, through the Go helper in
 * scripts/yaml-oracle): the reader resolves every scalar as kubectl does, and the writer writes
 * every string so that kubectl, YAML 1.2 and js-yaml read it back as that same string.
 */
const oracle = yamlOracle();
const describeWithOracle = 'binary' in oracle ? describe : describe.skip;
const title = 'binary' in oracle ? 'Kubernetes\' own YAML (sigs.k8s.io/yaml)' : `skipped: ${oracle.skipped}`;
const ask = (texts: readonly string[]) => askOracle((oracle as { binary: string }).binary, texts);

/** Deterministic pseudo-random strings built from the characters number and word syntax is made of. */
function generatedScalars(count: number): string[] {
  const atoms = ['0', '1', '7', '8', '9', 'x', 'X', 'o', 'O', 'b', 'B', 'e', 'E', '.', '_', '+', '-', 'a', 'f', 'F', 'y', 'n', 'N', 'Y', 'on', 'off', 'true', 'null', '~', ':', '2'];
  const words = ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'tRUE', 'false', 'FALSE', 'null', 'Null', 'nULL', '~', '.inf', '-.Inf', '.nan',
    '0o17', '0O17', '0X1F', '0x1f', '0B11', '0b11', '017', '08', '09.5', '1_000', '1__0', '+12', '-0', '-0.0', '1e3', '1E3', '1e400', '1e-400', '.5', '._5', '1.', '0x_1F', '2001-12-14', '1:20', '190:20:30',
    '18446744073709551615', '18446744073709551616', '-9223372036854775808', '-9223372036854775809', '0x1ffffffffffffffff', '0xFFFFFFFFFFFFFFFF', '685_230.15', '12e03', '0b1_0', '-0b11', '+0o17'];
  const out = new Set(words);
  const next = seededRandom(21);
  while (out.size < count) {
    let s = '';
    for (let i = 1 + Math.floor(next() * 5); i > 0; i--) s += atoms[Math.floor(next() * atoms.length)];
    out.add(s);
  }
  return [...out];
}

/** Strings a hostile answers file can hold: every one must come back from synth's writer unchanged. */
function hostileStrings(): string[] {
  const specials = ['\u2028', '\u2029', '\ufffe', '\uffff', '\u007f', '\u0085', '\ufeff', '\u00a0', '\u202e', '\u200f', '\t', '\r', '\n', '\u0000', '\u001b[31m', '\u009b', '"', '\'', '\\', '#', ': ', ' #', '- ', '? ', '---', '...', '%', '@', '`', '!', '&a', '*a', '|', '>', '{', '[', ',', ' ', ''];
  const strings = [...generatedScalars(600)];
  for (const special of specials) strings.push(special, `a${special}b`, `${special}x`, `x${special}`, `0o17${special}`);
  strings.push('multi\nline\n', 'multi\nline', ' leading', 'trailing ', 'tab\tinside', 'emoji 🎉', 'e\u0301', 'x'.repeat(2000));
  return strings;
}

function configMap(value: string): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { V: value } };
}

/** Each document of a YAML stream as its own text (the Go helper reads one document per text). */
function documentsOf(text: string): string[] {
  const starts = [...new Parser().parse(text)].filter((t) => t.type === 'document').map((t) => t.offset);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

/** Every .yaml/.yml file below a folder. */
function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

function readReference(text: string): { value?: unknown; error?: string } {
  try {
    return { value: parse(text, { ...KUBERNETES_YAML, maxAliasCount: 100 }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function readFast(text: string): unknown {
  const documents = readDocumentsFast(text);
  return documents === undefined ? 'declined' : documents[0]?.value;
}

/** JSON's view of a value: what Go's answer can be compared with (no -0, no undefined). */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value ?? null));

describeWithOracle(title, () => {
  it('reads every generated plain scalar as Kubernetes does, in both readers, as a value and as a key', () => {
    const scalars = generatedScalars(3000);
    // Go writes a float key in float32 notation (`1.8446744e+19`); no Kubernetes field name is a
    // number, so keys are compared where they are text, booleans, null or exact integers.
    const exactKey = (s: string) => {
      const key = resolveGoPlainScalar(s);
      return key.kind !== 'float' && (key.kind !== 'int' || Number.isSafeInteger(key.value));
    };
    const texts = scalars.flatMap((s) => [`v: ${s}\n`, ...(exactKey(s) ? [`${s}: v\n`] : [])]);
    const answers = ask(texts);
    const differences: string[] = [];
    let compared = 0;
    texts.forEach((text, i) => {
      const go = answers[i];
      if (go.error || go.strictError) return; // not a document Kubernetes takes
      const reference = readReference(text);
      if (reference.error) return; // syntax both refuse is checked below for the cases that matter
      compared++;
      const fast = readFast(text);
      if (!isDeepStrictEqual(asJson(reference.value), asJson(go.json))) differences.push(`reference ${JSON.stringify(text)}: ${JSON.stringify(reference.value)} vs ${JSON.stringify(go.json)}`);
      if (fast !== 'declined' && !isDeepStrictEqual(asJson(fast), asJson(go.json))) differences.push(`fast ${JSON.stringify(text)}: ${JSON.stringify(fast)} vs ${JSON.stringify(go.json)}`);
    });
    expect(differences.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(4000);
  });

  it('refuses duplicate keys as kubectl\'s strict validation does, including keys that are equal once resolved', () => {
    const texts = ['a: 1\na: 2\n', 'y: 1\nyes: 2\n', '0o17: a\n15: b\n', 'on: 1\nON: 2\n'];
    const answers = ask(texts);
    texts.forEach((text, i) => {
      expect(answers[i].strictError).toMatch(/already set in map/);
      expect(readReference(text).error).toMatch(/unique|duplicate/i);
    });
  });

  it('writes every hostile string so that Kubernetes, YAML 1.2 and js-yaml read back the very same string', () => {
    const strings = hostileStrings();
    const texts = strings.map((s) => manifestYaml([configMap(s)]));
    const answers = ask(texts);
    const wrong: string[] = [];
    strings.forEach((s, i) => {
      const go = answers[i];
      const back = go.json as { data?: { V?: unknown } } | undefined;
      if (go.error || go.strictError || back?.data?.V !== s) wrong.push(`kubernetes ${JSON.stringify(s)} → ${JSON.stringify(go.error ?? back?.data?.V)} from ${JSON.stringify(texts[i])}`);
      const yaml12 = parse(texts[i], { version: '1.2' }) as { data: { V: unknown } };
      if (yaml12.data.V !== s) wrong.push(`yaml 1.2 ${JSON.stringify(s)} → ${JSON.stringify(yaml12.data.V)}`);
      const js = jsYamlLoad(texts[i]) as { data: { V: unknown } };
      if (js.data.V !== s) wrong.push(`js-yaml ${JSON.stringify(s)} → ${JSON.stringify(js.data.V)}`);
      if ((readReference(texts[i]).value as { data: { V: unknown } }).data.V !== s) wrong.push(`vibe ${JSON.stringify(s)}`);
    });
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('reads every file synth writes (the golden sets) and every fixture as Kubernetes does', () => {
    const files = [...yamlFiles(path.join(ROOT, 'test', 'golden')), ...yamlFiles(path.join(ROOT, 'test', 'checks')), ...yamlFiles(path.join(ROOT, 'examples'))];
    const documents = files.flatMap((file) => documentsOf(fs.readFileSync(file, 'utf8')).map((text) => ({ file, text })));
    const answers = ask(documents.map((d) => d.text));
    const differences: string[] = [];
    let compared = 0;
    documents.forEach(({ file, text }, i) => {
      const go = answers[i];
      if (go.error) return; // a fixture that is meant to be broken
      const reference = readReference(text);
      if (go.strictError) {
        if (!reference.error) differences.push(`${path.relative(ROOT, file)}: Kubernetes refuses (${go.strictError.split('\n').pop()?.trim()}), vibe reads it`);
        return;
      }
      if (reference.error) {
        differences.push(`${path.relative(ROOT, file)}: Kubernetes reads it, vibe refuses (${reference.error.split('\n')[0]})`);
        return;
      }
      compared++;
      if (!isDeepStrictEqual(asJson(reference.value), asJson(go.json))) differences.push(`${path.relative(ROOT, file)}: read differently`);
      const fast = readFast(text);
      if (fast !== 'declined' && !isDeepStrictEqual(asJson(fast), asJson(go.json))) differences.push(`${path.relative(ROOT, file)}: fast reader differs`);
    });
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });
});
