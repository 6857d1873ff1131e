import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../../src/contract/errors';
import { loadManifests } from '../../src/manifests/load-manifests';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { tempDir } from '../helpers/render';
import { askOracle, yamlOracle } from '../helpers/yaml-oracle';

// What people have: `kubectl get -o yaml` lists, UTF-16 files from Windows editors, tabs in
// flow collections, and the YAML 1.1 booleans Kubernetes reads where a name was meant.

function inputError(text: string | Buffer, file = 'bad.yaml'): VibeInputError {
  const dir = tempDir();
  const full = path.join(dir, file);
  fs.writeFileSync(full, text);
  try {
    loadManifests([full]);
  } catch (error) {
    if (error instanceof VibeInputError) return error;
    throw error;
  }
  throw new Error('expected a VibeInputError, but the file was accepted');
}

function load(text: string | Buffer): ReturnType<typeof loadManifests> {
  const dir = tempDir();
  const full = path.join(dir, 'm.yaml');
  fs.writeFileSync(full, text);
  return loadManifests([full]);
}

const POD_LIST = [
  'apiVersion: v1',
  'kind: PodList',
  'items:',
  '  - metadata: {name: a, namespace: shop}',
  '    spec: {containers: [{name: c, image: nginx}]}',
  '  - metadata: {name: b, namespace: shop}',
  '    spec: {containers: [{name: c, image: nginx}]}',
  'metadata: {resourceVersion: "1"}',
  '',
].join('\n');

describe('raw API lists, as kubectl get -o yaml writes them', () => {
  it('reads a PodList whose items omit kind and apiVersion, each at its own line', () => {
    const objects = load(POD_LIST);
    expect(objects.map((o) => [o.apiVersion, o.kind, o.name, o.namespace, o.line])).toEqual([
      ['v1', 'Pod', 'a', 'shop', 4],
      ['v1', 'Pod', 'b', 'shop', 6],
    ]);
  });

  it('reads a NamespaceList and a DeploymentList of another group', () => {
    expect(load('apiVersion: v1\nkind: NamespaceList\nitems:\n- metadata: {name: shop}\n').map((o) => `${o.apiVersion} ${o.kind}/${o.name}`)).toEqual(['v1 Namespace/shop']);
    expect(load('{"apiVersion":"apps/v1","kind":"DeploymentList","items":[{"metadata":{"name":"web"}}]}').map((o) => `${o.apiVersion} ${o.kind}/${o.name}`)).toEqual(['apps/v1 Deployment/web']);
  });

  it('keeps the kind an item names itself', () => {
    expect(load('apiVersion: v1\nkind: PodList\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: a}}\n')[0].kind).toBe('Pod');
  });

  it('fails on a plain List item without kind: a List says nothing about its items', () => {
    expect(inputError('apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n').message).toMatch(/^.*bad\.yaml:4: is not a Kubernetes object: no apiVersion and no kind\./);
  });
});

describe('UTF-16 and byte order marks, decoded as kubectl decodes them', () => {
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  it.each([
    ['UTF-16LE', le],
    ['UTF-16BE', be],
    ['UTF-8 with BOM', utf8],
  ])('reads %s', (_name, bytes) => {
    expect(load(bytes).map((o) => `${o.kind}/${o.name}`)).toEqual(['Namespace/shop']);
  });

  it('still fails on a binary file, and on UTF-16 without a BOM (kubectl reads it as UTF-8 too)', () => {
    expect(inputError(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])).message).toMatch(/is a binary file/);
    expect(inputError(Buffer.from(text, 'utf16le')).message).toMatch(/is a binary file/);
  });
});

describe('fields Kubernetes would refuse for their type are reported, never dropped', () => {
  it('fails on a Namespace name: y (a YAML 1.1 boolean), naming the field and its line', () => {
    const message = inputError('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: y\n').message;
    expect(message).toBe('bad.yaml:4: Namespace metadata.name is a boolean (YAML reads y, n, yes, no, on, off, true and false as booleans), and Kubernetes refuses it: it must be text. Put the value in quotes, e.g. name: "y".'.replace(/^bad\.yaml/, message.split(':')[0]));
    expect(message).toMatch(/bad\.yaml:4: Namespace metadata\.name is a boolean/);
  });

  it.each([
    ['a namespace: on', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: on\n', /:5: Pod metadata\.namespace is a boolean/],
    ['a numeric name', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 0x1F}\n', /:3: ConfigMap metadata\.name is a number/],
    ['a label value yes', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    public: yes\n', /:7: Pod metadata\.labels\["public"\] is a boolean/],
    ['an item of a list', 'apiVersion: v1\nkind: NamespaceList\nitems:\n- metadata: {name: ok}\n- metadata:\n    name: n\n', /:6: Namespace metadata\.name is a boolean/],
  ])('fails on %s', (_name, text, pattern) => {
    expect(inputError(text).message).toMatch(pattern);
  });

  it('fails on a numeric kind as the wrong type, not as missing', () => {
    expect(inputError('apiVersion: v1\nkind: 5\nmetadata: {name: x}\n').message).toMatch(/bad\.yaml:1: is not a Kubernetes object Kubernetes accepts: kind is a number, not text\./);
    expect(inputError('apiVersion: 1\nkind: Pod\n').message).toMatch(/apiVersion is a number, not text/);
  });

  it('reads quoted values as text', () => {
    expect(load('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "y"\n  labels: {public: "yes"}\n')[0].name).toBe('y');
  });
});

describe('a tab inside a flow collection, read as Go\'s YAML reads it', () => {
  const cases: Record<string, unknown> = {
    'a: [1,\n\t2]\n': [1, 2],
    'a: [x,\n\t\ty,\n\tz]\n': ['x', true, 'z'],
    'a:\n  b: {x: 1,\n\tc: [3,\n\t4]}\n': { b: { x: 1, c: [3, 4] } },
    'a: ["one\n\ttwo"]\n': ['one two'],
    'a: [1,\t2]\n': [1, 2],
  };
  it.each(Object.entries(cases))('reads %j', (text, expected) => {
    const [object] = parseManifests(`apiVersion: v1\nkind: ConfigMap\n${text}`, 'tabs.yaml');
    expect(object.object.a).toEqual(expected);
    expect(object.line).toBe(1);
  });

  it('still fails on a tab as block indentation, as Go does', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\na:\n\tb: 1\n', 'tabs.yaml')).toThrow(/^tabs\.yaml:4:\d+: not valid YAML/);
  });

  const oracle = yamlOracle();
  (('binary' in oracle) ? it : it.skip)(`agrees with sigs.k8s.io/yaml on every case${'binary' in oracle ? '' : ` (skipped: ${oracle.skipped})`}`, () => {
    const texts = Object.keys(cases);
    const answers = askOracle((oracle as { binary: string }).binary, texts);
    texts.forEach((text, index) => expect((answers[index].json as { a: unknown }).a).toEqual(cases[text]));
  });
});
