import { VibeInputError } from '../../src/contract/errors';
import { MAX_NESTING_DEPTH, parseManifests } from '../../src/manifests';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n';

/** The plain VibeInputError a hostile input must produce, never a crash or a stack. */
function inputError(text: string, file = 'bad.yaml'): VibeInputError {
  try {
    parseManifests(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(VibeInputError);
    return error as VibeInputError;
  }
  throw new Error('expected a VibeInputError, but the text was accepted');
}

describe('parseManifests', () => {
  it('reads every document of a multi-document file with its start line, skipping empty ones', () => {
    const text = `# leading comment\n---\n${DEPLOYMENT}---\n---\n# only a comment\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n`;
    const objects = parseManifests(text, 'k8s/app.yaml');
    expect(objects.map((o) => [o.kind, o.name, o.namespace, o.file, o.line, o.apiVersion])).toEqual([
      ['Deployment', 'web', 'shop', 'k8s/app.yaml', 3, 'apps/v1'],
      ['Service', 'web', undefined, 'k8s/app.yaml', 12, 'v1'],
    ]);
  });

  it('keeps the parsed object itself, not a copy', () => {
    const [deployment] = parseManifests(DEPLOYMENT, 'a.yaml');
    expect(deployment.object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
  });

  it('expands a List and every *List, each item with its own line', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: one}',
      '-',
      '  apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: two}',
      '---',
      'apiVersion: v1',
      'kind: ServiceList',
      'items: [{apiVersion: v1, kind: Service, metadata: {name: three}}]',
      '',
    ].join('\n');
    expect(parseManifests(text, 'list.yaml').map((o) => `${o.kind}/${o.name}@${o.line}`)).toEqual(['ConfigMap/one@4', 'ConfigMap/two@8', 'Service/three@14']);
  });

  it('reads JSON, including kubectl get -o json lists, with lines', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [\n    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p\\/1"}},\n    {\n      "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p2"}\n    }\n  ]\n}\n';
    expect(parseManifests(text, 'pods.json').map((o) => `${o.name}@${o.line}`)).toEqual(['p/1@5', 'p2@6']);
  });

  it('reads scalars the way kubectl does: YAML 1.1 booleans and octals, timestamps as text', () => {
    const [object] = parseManifests('apiVersion: v1\nkind: X\nprivileged: on\nrunAsNonRoot: yes\nmode: 0644\ndate: 2024-01-31\ntime: 12:30\n', 'a.yaml');
    expect(object.object).toMatchObject({ privileged: true, runAsNonRoot: true, mode: 420, date: '2024-01-31', time: '12:30' });
  });

  it('resolves anchors and merge keys within a document', () => {
    const [object] = parseManifests('apiVersion: v1\nkind: X\nbase: &b {a: 1}\nderived:\n  <<: *b\n  c: 2\n', 'a.yaml');
    expect(object.object.derived).toEqual({ a: 1, c: 2 });
  });

  it('uses generateName when there is no name, and nothing when neither is set', () => {
    const objects = parseManifests('apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-}\n---\napiVersion: v1\nkind: X\n', 'a.yaml');
    expect(objects.map((o) => o.name)).toEqual(['migrate-', '']);
  });

  it('fails on a YAML syntax error with file, line and column', () => {
    expect(inputError('apiVersion: v1\nkind: X\nspec:\n  image: nginx: 1.25\n').message).toBe(
      'bad.yaml:4:10: not valid YAML: Nested mappings are not allowed in compact mappings. Check the indentation and quotes on that line.',
    );
  });

  it('fails on a duplicate key, as kubectl does', () => {
    expect(inputError('apiVersion: v1\nkind: X\nkind: Y\n').message).toMatch(/^bad\.yaml:3:1: not valid YAML: Map keys must be unique/);
  });

  it('fails on a document that is not a Kubernetes object, naming file and line', () => {
    expect(inputError(`${DEPLOYMENT}---\n\nslug: shop\nsize: md\n`).message).toBe(
      'bad.yaml:8: is not a Kubernetes object: no apiVersion and no kind. Expected a Kubernetes object starting with apiVersion and kind, e.g. "apiVersion: apps/v1" and "kind: Deployment".',
    );
    expect(inputError('apiVersion: v1\nmetadata: {name: x}\n').message).toMatch(/^bad\.yaml:1: is not a Kubernetes object: no kind\./);
    expect(inputError('- a\n- b\n').message).toMatch(/^bad\.yaml:1: is a list, not a Kubernetes object/);
    // What the value is, never what it says.
    expect(inputError('just text\n').message).toMatch(/^bad\.yaml:1: is a single value \(text\), not a Kubernetes object/);
    expect(inputError('just text\n').message).not.toMatch(/just/);
  });

  it('fails on a List item that is not a Kubernetes object, at the item line', () => {
    expect(inputError('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: X\n- name: nope\n').message).toMatch(/^bad\.yaml:6: is not a Kubernetes object/);
  });

  it('fails on an alias bomb quickly and plainly', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = Date.now();
    expect(inputError(`${lines.join('\n')}\n`).message).toMatch(/^bad\.yaml:1: YAML aliases \(\*name\) expand to more than 100 copies, which looks like an "alias bomb"/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails on an alias to an anchor that is not defined', () => {
    expect(inputError('apiVersion: v1\nkind: X\nvalue: *missing\n').message).toMatch(/^bad\.yaml:1: cannot be read as YAML: an alias \(\*name\) has no &anchor before it\./);
  });

  it('fails on nesting deeper than any manifest, before the parser can exhaust the stack', () => {
    expect(inputError(`apiVersion: v1\nkind: X\ndata: ${'['.repeat(100_000)}\n`).message).toBe(
      `bad.yaml:3: nests more than ${MAX_NESTING_DEPTH} levels deep, which no Kubernetes object does. Check the file is a manifest.`,
    );
    expect(parseManifests(`apiVersion: v1\nkind: X\ndata: ${'['.repeat(MAX_NESTING_DEPTH - 1)}${']'.repeat(MAX_NESTING_DEPTH - 1)}\n`, 'ok.yaml')).toHaveLength(1);
  });

  it('fails on text with NUL bytes as binary', () => {
    expect(inputError('apiVersion: v1\u0000kind: X').message).toMatch(/^bad\.yaml: is a binary file/);
  });
});
