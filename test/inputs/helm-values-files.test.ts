import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VibeInputError } from '../../src/contract/errors';
import { mergeHelmValues, withoutNulls } from '../../src/inputs/helm-merge';
import { loadAppFiles } from '../../src/inputs/load-input';

const BASE = `app:
  slug: shop
  name: Shop
  image:
    repository: shop-app
    tag: "a3f91bc"
  size: sm
  env:
    FEATURE_FLAGS: beta
    REGION: eu
postgres:
  enabled: true
  storage: 5Gi
redis:
  enabled: true
businessMetrics:
  - { name: orders_total, type: counter, help: Orders }
  - { name: refunds_total, type: counter, help: Refunds }
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vibe-helm-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function problemsOf(files: string[]): string[] {
  try {
    loadAppFiles(files);
  } catch (error) {
    if (error instanceof VibeInputError) return error.message.split('\n').map((line) => line.replace(`${dir}${path.sep}`, ''));
    throw error;
  }
  throw new Error('expected the files to be refused');
}

describe('mergeHelmValues (helm -f a -f b)', () => {
  it('deep-merges maps, replaces lists and scalars, later files win', () => {
    const merged = mergeHelmValues([
      { app: { size: 'sm', env: { A: '1', B: '2' } }, list: [1, 2, 3], redis: { enabled: true } },
      { app: { size: 'lg', env: { B: '3' } }, list: [9], redis: 'off' },
    ]);
    expect(merged).toEqual({ app: { size: 'lg', env: { A: '1', B: '3' } }, list: [9], redis: 'off' });
  });

  it('deletes a key set to null (the default applies again), and a later map revives it', () => {
    expect(withoutNulls(mergeHelmValues([{ a: { b: 1, c: 2 } }, { a: { b: null } }]))).toEqual({ a: { c: 2 } });
    expect(withoutNulls(mergeHelmValues([{ a: { b: 1 } }, { a: null }, { a: { c: 2 } }]))).toEqual({ a: { c: 2 } });
    expect(withoutNulls({ list: [null, 1] })).toEqual({ list: [null, 1] });
  });
});

describe('several -f files as answers', () => {
  it('merges base and prod: prod overrides size and storage, keeps base env, replaces the metrics list, null removes redis', () => {
    const base = write('base.yaml', BASE);
    const prod = write('prod.yaml', 'app:\n  size: lg\n  env:\n    REGION: us\npostgres:\n  storage: 20Gi\nredis: null\nbusinessMetrics:\n  - { name: sales_total, type: counter, help: Sales }\n');
    const { model } = loadAppFiles([base, prod]);
    expect(model.answers.size).toBe('lg');
    expect(model.answers.env).toEqual({ FEATURE_FLAGS: 'beta', REGION: 'us' });
    expect(model.answers.components.postgres).toEqual({ storage: '20Gi', size: 'md' });
    expect(model.answers.components.redis).toBe(false);
    expect(model.answers.businessMetrics.map((m) => m.name)).toEqual(['sales_total']);
  });

  it('reads YAML 1.1 booleans as Helm does (yes, on, y, Off, NO) in Helm files', () => {
    const base = write('base.yaml', BASE);
    const prod = write('prod.yaml', 'redis:\n  enabled: on\n  persistence:\n    enabled: yes\nrabbitmq:\n  enabled: y\ningress:\n  tls: Off\napp:\n  mgmtSidecar:\n    enabled: NO\n');
    const { model } = loadAppFiles([base, prod]);
    expect(model.answers.components.redis).toEqual({ persistence: true, storage: '1Gi' });
    expect(model.answers.components.rabbitmq).toBe(true);
    expect(model.answers.ingress.tls).toBe(false);
    expect(model.answers.components.mgmtSidecar).toBe(false);
  });

  it('keeps YAML 1.2 in vibe.yaml: yes is text there, and the message says what is allowed', () => {
    const file = write('vibe.yaml', 'slug: shop\nimage: { repository: shop-app, tag: "a3f91bc" }\ningress:\n  tls: yes\n');
    expect(problemsOf([file])).toEqual(['vibe.yaml:4: ingress.tls: got "yes", expected true or false. Example: tls: true']);
  });

  it('fails with every problem at once, in file and line order, located in the file that set the value, examples in the Helm shape', () => {
    const base = write('base.yaml', BASE);
    const prod = write('prod.yaml', 'app:\n  slug: Bad_Slug\n  image:\n    tag: latest\n  size: huge\npostgres:\n  enabled: maybe\n  storage: lots\ningress:\n  hots: x\n');
    expect(problemsOf([base, prod])).toEqual([
      'prod.yaml:2: app.slug: got "Bad_Slug" — must be lowercase letters, digits and "-", start with a letter and end with a letter or digit. Example: app: { slug: inventory-checker }',
      'prod.yaml:4: app.image.tag: got "latest" — "latest" is a mutable tag: a new push can silently change what runs. Use the commit SHA CI built. Example: app: { image: { tag: "a3f91bc" } }',
      'prod.yaml:5: app.size: got "huge"; allowed values are "xs", "sm", "md", "lg", "xl". Example: app: { size: md }',
      'prod.yaml:7: postgres.enabled: got "maybe", expected true or false. Example: postgres: { enabled: true, storage: 5Gi }',
      'prod.yaml:8: postgres.storage: got "lots" — must be a whole number of Ki, Mi, Gi or Ti, such as 5Gi. Example: postgres: { enabled: true, storage: 5Gi }',
      'prod.yaml:10: ingress.hots: unknown field. Did you mean "host"? Known fields here: enabled, tls, host.',
    ]);
  });

  it('fails with the YAML syntax errors of every file together', () => {
    const a = write('a.yaml', 'app:\n  slug: [\n');
    const b = write('b.yaml', 'app:\n\tsize: lg\n');
    const problems = problemsOf([a, b]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^a\.yaml:\d+:\d+: not valid YAML/);
    expect(problems[1]).toMatch(/^b\.yaml:\d+:\d+: not valid YAML/);
  });

  it('accepts an empty override file, as Helm does', () => {
    const base = write('base.yaml', BASE);
    const empty = write('empty.yaml', '# nothing here yet\n');
    expect(loadAppFiles([base, empty]).model.answers.size).toBe('sm');
  });
});
