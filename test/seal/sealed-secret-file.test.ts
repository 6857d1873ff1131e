import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { seal, type SealScope } from '../../src/seal/crypto';
import { checkSealedFileTarget, mergeIntoSealedFile } from '../../src/seal/merge-sealed-file';
import { SealedSecretFile } from '../../src/seal/sealed-secret-file';
import { SealedValue } from '../../src/seal/sealed-value';
import { tempDir } from '../helpers/render';
import { testKeyPair, unseal } from './helpers/unseal';

const NS = 'platform-vibe-shop';
const NAME = 'shop-credentials';

function sealed(plaintext: string, scope: SealScope = 'strict', name = NAME, namespace = NS): SealedValue {
  return seal(plaintext, { publicKey: testKeyPair().publicKey, scope, namespace, name });
}

function values(entries: Record<string, string>, scope: SealScope = 'strict'): Map<string, SealedValue> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, sealed(v, scope)]));
}

function fileText(encryptedData: Record<string, string>, extraMetadata = ''): string {
  return [
    'apiVersion: bitnami.com/v1alpha1',
    'kind: SealedSecret',
    'metadata:',
    `  name: ${NAME}`,
    `  namespace: ${NS}${extraMetadata}`,
    'spec:',
    '  encryptedData:',
    ...Object.entries(encryptedData).map(([k, v]) => `    ${k}: ${v}`),
    '  template:',
    '    metadata:',
    `      name: ${NAME}`,
    `      namespace: ${NS}`,
    '    type: Opaque',
    '',
  ].join('\n');
}

const newFile = () => path.join(tempDir('vibe-sealed-file-'), 'sealed-secrets.yaml');

describe('SealedSecretFile.parse', () => {
  it('reads name, namespace, strict scope and the sealed values', () => {
    const a = sealed('alpha');
    const file = SealedSecretFile.parse(fileText({ A: a.ciphertext }), 'sealed-secrets.yaml');
    expect([file.name, file.namespace, file.scope, file.secretType]).toEqual([NAME, NS, 'strict', 'Opaque']);
    const value = file.values.get('A')!;
    expect(SealedValue.isSealedValue(value)).toBe(true);
    expect(value.target).toEqual({ scope: 'strict', namespace: NS, name: NAME });
    expect(unseal(value.ciphertext, testKeyPair().privateKey, `${NS}/${NAME}`).toString()).toBe('alpha');
  });

  it.each([
    ['namespace-wide', '\n  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: "true"'],
    ['cluster-wide', '\n  annotations:\n    sealedsecrets.bitnami.com/cluster-wide: "true"'],
  ] as const)('derives the %s scope from the annotation', (scope, annotations) => {
    const file = SealedSecretFile.parse(fileText({ A: sealed('a', scope).ciphertext }, annotations), 'f.yaml');
    expect(file.scope).toBe(scope);
    expect(file.values.get('A')!.target.scope).toBe(scope);
  });

  it('renders back to the same manifest (toManifest)', () => {
    const a = sealed('a', 'namespace-wide');
    const text = fileText({ A: a.ciphertext }, '\n  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: "true"');
    const manifest = SealedSecretFile.parse(text, 'f.yaml').toManifest();
    expect(manifest).toEqual({
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: NAME, namespace: NS, annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' } },
      spec: {
        encryptedData: { A: a.ciphertext },
        template: { metadata: { name: NAME, namespace: NS, annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' } }, type: 'Opaque' },
      },
    });
  });

  it('loads a file from disk', () => {
    const file = newFile();
    fs.writeFileSync(file, fileText({ A: sealed('a').ciphertext }));
    expect([...SealedSecretFile.load(file).values.keys()]).toEqual(['A']);
  });

  const ok = () => sealed('x').ciphertext;
  it.each([
    ['a plain Secret', () => fileText({ A: ok() }).replace('kind: SealedSecret', 'kind: Secret'), /^f\.yaml:2: kind: got "Secret"; a sealed file is kind: SealedSecret\. A plain Secret holds readable values/],
    ['a wrong apiVersion', () => fileText({ A: ok() }).replace('bitnami.com/v1alpha1', 'v1'), /^f\.yaml:1: apiVersion: got "v1"; a sealed file is apiVersion: bitnami\.com\/v1alpha1\.$/],
    ['a missing name', () => fileText({ A: ok() }).replace(`  name: ${NAME}\n`, ''), /^f\.yaml:3: metadata\.name: got nothing; the name of the Secret/],
    ['a missing namespace', () => fileText({ A: ok() }).replace(`  namespace: ${NS}\n`, ''), /^f\.yaml:3: metadata\.namespace: got nothing; the namespace the values were sealed for is required/],
    ['a plaintext value', () => fileText({ A: ok(), B: 'hunter2' }), /^f\.yaml:9: spec\.encryptedData\.B: the value is not standard base64/],
    ['a truncated value', () => fileText({ A: ok().slice(0, 40) }), /^f\.yaml:8: spec\.encryptedData\.A: the value declares a 256-byte RSA block but holds only 30 bytes/],
    ['an invalid key name', () => fileText({ 'A': ok(), 'my key': ok() }), /^f\.yaml:9: spec\.encryptedData\.my key: the key "my key" is not a valid Secret key: a key may hold only letters/],
    ['both scope annotations', () => fileText({ A: ok() }, '\n  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: "true"\n    sealedsecrets.bitnami.com/cluster-wide: "true"'),
      /^f\.yaml:6: metadata\.annotations: has both the namespace-wide and the cluster-wide annotation/],
    ['text that is not YAML', () => 'apiVersion: [unclosed\nkind: x\n', /^f\.yaml:\d+:\d+: not valid YAML: /],
    ['a duplicate key', () => fileText({ A: ok() }).replace('    A: ', `    A: ${ok()}\n    A: `), /^f\.yaml:9:5: not valid YAML: Map keys must be unique/],
    ['a list', () => '- a\n- b\n', /^f\.yaml:1: must be a SealedSecret manifest \(a map of fields\)/],
    ['an empty file', () => '# nothing\n', /^f\.yaml: is empty; a sealed file holds one SealedSecret/],
    ['two documents', () => `${fileText({ A: ok() })}---\n${fileText({ B: ok() })}`, /^f\.yaml:14: a second YAML document starts here; a sealed file holds exactly one SealedSecret/],
  ])('fails on %s with file:line', (_, text, message) => {
    expect(() => SealedSecretFile.parse(text(), 'f.yaml')).toThrow(message);
  });

  it('fails with every problem of a file at once, one line each', () => {
    const text = fileText({ A: 'hunter2' }).replace('kind: SealedSecret', 'kind: Secret').replace(`  name: ${NAME}\n`, '');
    expect(() => SealedSecretFile.parse(text, 'f.yaml')).toThrow(/^f\.yaml:2: kind: .*\nf\.yaml:3: metadata\.name: .*$/);
  });

  it('fails to load a missing file, saying how to create it', () => {
    expect(() => SealedSecretFile.load('/nonexistent/sealed-secrets.yaml')).toThrow(/^\/nonexistent\/sealed-secrets\.yaml: does not exist\. Create it with: vibe seal/);
  });

  it('fails to build from a value sealed for another Secret', () => {
    expect(
      () => new SealedSecretFile({ source: 'x', name: NAME, namespace: NS, scope: 'strict', values: new Map([['A', sealed('a', 'strict', 'other')]]) }),
    ).toThrow(/A was sealed for secret "other"/);
  });
});

describe('mergeIntoSealedFile', () => {
  const target = { name: NAME, namespace: NS, scope: 'strict' as const };

  it('creates the file when absent, with sorted keys and only ciphertext', () => {
    const file = newFile();
    const result = mergeIntoSealedFile(file, { ...target, values: values({ B: 's3cret-bravo', A: 's3cret-alpha' }) });
    expect(result).toEqual({ file, created: true, added: ['A', 'B'], replaced: [], kept: [] });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('s3cret-');
    expect(text).toMatch(/^# Sealed with `vibe seal`/);
    expect(Object.keys(parseYaml(text).spec.encryptedData)).toEqual(['A', 'B']);
    const loaded = SealedSecretFile.load(file);
    expect(unseal(loaded.values.get('B')!.ciphertext, testKeyPair().privateKey, `${NS}/${NAME}`).toString()).toBe('s3cret-bravo');
  });

  it('adds and replaces keys, keeps the others and keeps comments', () => {
    const file = newFile();
    const keptCiphertext = sealed('charlie').ciphertext;
    const oldB = sealed('old-bravo').ciphertext;
    fs.writeFileSync(
      file,
      `# Shop credentials, sealed for the shop namespace\n${fileText({ D: sealed('delta').ciphertext, B: oldB, C: keptCiphertext })
        .replace('    D: ', '    # D is rotated by hand\n    D: ')
        .replace('    C: ', '    # C comes from the payment provider\n    C: ')}`,
    );
    const result = mergeIntoSealedFile(file, { ...target, values: values({ B: 'new-bravo', A: 'alpha' }) });
    expect(result).toEqual({ file, created: false, added: ['A'], replaced: ['B'], kept: ['C', 'D'] });

    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Shop credentials, sealed for the shop namespace\n/);
    expect(text).toMatch(/    # C comes from the payment provider\n    C: /);
    expect(text).toMatch(/    # D is rotated by hand\n    D: /);
    const loaded = SealedSecretFile.load(file);
    expect([...loaded.values.keys()]).toEqual(['A', 'B', 'C', 'D']);
    expect(loaded.values.get('C')!.ciphertext).toBe(keptCiphertext);
    const open = (key: string) => unseal(loaded.values.get(key)!.ciphertext, testKeyPair().privateKey, `${NS}/${NAME}`).toString();
    expect([open('A'), open('B'), open('C'), open('D')]).toEqual(['alpha', 'new-bravo', 'charlie', 'delta']);
  });

  it('leaves no temporary file behind and keeps the file mode', () => {
    const file = newFile();
    fs.writeFileSync(file, fileText({ A: sealed('a').ciphertext }), { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    mergeIntoSealedFile(file, { ...target, values: values({ B: 'b' }) });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['sealed-secrets.yaml']);
    expect(fs.statSync(file).mode % 0o1000).toBe(0o640);
  });

  it.each([
    ['another name', { ...target, name: 'other-secret' }, /:4: this file is sealed for secret "shop-credentials" in namespace "platform-vibe-shop" \(strict scope\); you asked for secret "other-secret"/],
    ['another namespace', { ...target, namespace: 'other-ns' }, /:5: this file is sealed for .*; you asked for secret "shop-credentials" in namespace "other-ns"/],
    ['another scope', { ...target, scope: 'cluster-wide' as const }, /:3: this file is sealed for .* \(strict scope\); you asked for .* \(cluster-wide scope\)/],
  ])('fails to merge values for %s, saying what the file was sealed for, and leaves it unchanged', (_, wanted, message) => {
    const file = newFile();
    const before = fileText({ A: sealed('a').ciphertext });
    fs.writeFileSync(file, before);
    const update = { ...wanted, values: new Map([['B', sealed('b', wanted.scope, wanted.name, wanted.namespace)]]) };
    expect(() => mergeIntoSealedFile(file, update)).toThrow(message);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('checks a sealed file\'s target before any value is sealed (nothing to check when it is absent)', () => {
    const file = newFile();
    expect(() => checkSealedFileTarget(file, target)).not.toThrow();
    fs.writeFileSync(file, fileText({ A: sealed('a').ciphertext }));
    expect(() => checkSealedFileTarget(file, target)).not.toThrow();
    expect(() => checkSealedFileTarget(file, { ...target, scope: 'namespace-wide' })).toThrow(/:3: this file is sealed for .* \(strict scope\); you asked for .* \(namespace-wide scope\)/);
  });

  it('fails to merge into a broken sealed file, with its line', () => {
    const file = newFile();
    fs.writeFileSync(file, fileText({ A: 'hunter2' }));
    expect(() => mergeIntoSealedFile(file, { ...target, values: values({ B: 'b' }) })).toThrow(`${file}:8: spec.encryptedData.A: the value is not standard base64`);
  });

  it('fails to merge into a folder that does not exist', () => {
    const file = path.join(tempDir(), 'missing', 'sealed.yaml');
    expect(() => mergeIntoSealedFile(file, { ...target, values: values({ B: 'b' }) })).toThrow(/cannot be written \(its folder does not exist\); nothing was changed/);
  });

  it('fails on a value sealed for another Secret', () => {
    const file = newFile();
    expect(() => mergeIntoSealedFile(file, { ...target, values: new Map([['A', sealed('a', 'strict', 'other')]]) })).toThrow(/A was sealed for secret "other"/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
