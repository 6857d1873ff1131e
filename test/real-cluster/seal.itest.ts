import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { clusterDescribe, useCluster } from './helpers/cluster-suite';
import { expectOk, type KubeClient, type KubeObject } from './helpers/kube-client';
import { waitUntil } from './helpers/processes';
import { tempDir } from '../cluster/helpers/files';
import { vibe } from '../helpers/cli';
import { controllerUnavailable, startSealedSecretsController } from './helpers/sealed-secrets-controller';

/**
 * `vibe seal` output opened by the real Sealed Secrets controller (v0.40, out of cluster against
 * the test kube-apiserver, with the key pair it generated at start): the Secret it creates holds
 * exactly the plaintext, in all three scopes, for stdin, --merge-into and --generate through
 * synth; a strict value renamed or moved is refused.
 */
const { describeCluster, binaries } = clusterDescribe(__filename, controllerUnavailable);

const yamlObjects = (text: string): KubeObject[] => parseAllDocuments(text).map((d) => d.toJS() as KubeObject).filter((o) => o?.kind);

async function createNamespace(admin: KubeClient, name: string): Promise<void> {
  expectOk(await admin.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), `namespace ${name}`);
}

/** The Secret the controller made, its values decoded; fails when it does not appear. */
async function unsealedSecret(admin: KubeClient, namespace: string, name: string): Promise<Record<string, string>> {
  let secret: any;
  await waitUntil(`Secret ${namespace}/${name} created by the controller`, async () => {
    const r = await admin.get('v1', 'Secret', name, namespace);
    secret = r.body;
    return r.status === 200;
  }, 60_000);
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')]));
}

/** The controller's verdict on a SealedSecret it could not open: its Synced=False condition message. */
async function refusal(admin: KubeClient, namespace: string, name: string): Promise<string> {
  let message = '';
  await waitUntil(`SealedSecret ${namespace}/${name} marked not synced`, async () => {
    const r = await admin.get('bitnami.com/v1alpha1', 'SealedSecret', name, namespace);
    const synced = (r.body.status?.conditions ?? []).find((c: any) => c.type === 'Synced');
    message = synced?.message ?? '';
    return synced?.status === 'False';
  }, 60_000);
  return message;
}

describeCluster('vibe seal, opened by the real Sealed Secrets controller', () => {
  let controllerUrl = '';
  const cluster = useCluster(binaries, async (c) => {
    controllerUrl = await startSealedSecretsController(c, binaries!.sealedSecretsController);
  });
  let work: string;
  let cert: string;

  beforeAll(async () => {
    work = tempDir('vibe-seal-cluster-');
    cert = path.join(work, 'controller-cert.pem');
    const response = await fetch(`${controllerUrl}/v1/cert.pem`);
    fs.writeFileSync(cert, await response.text());
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const PLAINTEXT = { STRIPE_API_KEY: 'sk_test_51HxAbc=/+ünï', WEBHOOK_SECRET: 'line with spaces and "quotes"' };
  const stdinOf = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';

  it('has the controller\'s own certificate: one it generated, not the demo one', () => {
    const pem = fs.readFileSync(cert, 'utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).not.toBe(fs.readFileSync(path.resolve(__dirname, '../../examples/inventory-checker/sealed-secrets-cert.pem'), 'utf8'));
  });

  it.each(['strict', 'namespace-wide', 'cluster-wide'])('%s scope: stdin values sealed by vibe come back as exactly that plaintext', async (scope) => {
    const admin = cluster().client();
    const namespace = `seal-${scope}`;
    await createNamespace(admin, namespace);
    const sealed = vibe(['seal', '--cert', cert, '--namespace', namespace, '--name', 'app-secrets', '--scope', scope], { input: stdinOf(PLAINTEXT) });
    expect(sealed.stderr).toBe('');
    expect(sealed.status).toBe(0);
    for (const value of Object.values(PLAINTEXT)) expect(sealed.stdout).not.toContain(value);
    const [object] = yamlObjects(sealed.stdout);
    expectOk(await admin.apply(object), 'applying the SealedSecret');
    expect(await unsealedSecret(admin, namespace, 'app-secrets')).toEqual(PLAINTEXT);
  });

  it('--merge-into: a second value added to the sealed file keeps the first, and both open', async () => {
    const admin = cluster().client();
    const namespace = 'seal-merge';
    await createNamespace(admin, namespace);
    const file = path.join(work, 'merged-sealed-secrets.yaml');
    const args = ['seal', '--cert', cert, '--namespace', namespace, '--name', 'shop-secrets', '--merge-into', file];
    expect(vibe(args, { input: 'FIRST=one\n' }).status).toBe(0);
    expect(vibe(args, { input: 'SECOND=two\n' }).status).toBe(0);
    for (const object of yamlObjects(fs.readFileSync(file, 'utf8'))) expectOk(await admin.apply(object), 'applying the merged file');
    expect(await unsealedSecret(admin, namespace, 'shop-secrets')).toEqual({ FIRST: 'one', SECOND: 'two' });
  });

  it('--generate, then synth: the controller opens 02-sealed-secrets.yaml into the passwords and the URLs that embed them', async () => {
    const admin = cluster().client();
    const app = path.join(work, 'shop');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'vibe.yaml'), 'slug: shop\nimage: { repository: shop-app, tag: a3f91bc }\ncomponents: { postgres: true, redis: true }\n');
    const sealed = vibe(['seal', '--values', 'vibe.yaml', '--cert', cert, '--generate'], { cwd: app });
    expect(sealed.status).toBe(0);
    const synth = vibe(['synth', '--values', 'vibe.yaml', '--out', 'k8s'], { cwd: app });
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    for (const file of ['00-namespace.yaml', '02-sealed-secrets.yaml']) {
      for (const object of yamlObjects(fs.readFileSync(path.join(app, 'k8s', file), 'utf8'))) expectOk(await admin.apply(object), `applying ${file}`);
    }
    const secret = await unsealedSecret(admin, 'platform-vibe-shop', 'shop-secrets');
    expect(Object.keys(secret).sort()).toEqual(['DATABASE_URL', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'REDIS_URL']);
    expect(secret.POSTGRES_PASSWORD.length).toBeGreaterThanOrEqual(20);
    expect(secret.DATABASE_URL).toContain(`:${encodeURIComponent(secret.POSTGRES_PASSWORD)}@`);
    expect(secret.REDIS_URL).toContain(`:${encodeURIComponent(secret.REDIS_PASSWORD)}@`);
  });

  it.each([
    ['renamed', { name: 'other-secrets' }],
    ['moved to another namespace', { namespace: 'seal-elsewhere' }],
  ])('fails to open a strict value %s: the controller refuses it and makes no Secret', async (_what, change: { name?: string; namespace?: string }) => {
    const admin = cluster().client();
    await createNamespace(admin, 'seal-origin');
    await createNamespace(admin, 'seal-elsewhere');
    const sealed = vibe(['seal', '--cert', cert, '--namespace', 'seal-origin', '--name', 'app-secrets'], { input: stdinOf(PLAINTEXT) });
    const [object] = yamlObjects(sealed.stdout);
    const name = change.name ?? 'app-secrets';
    const namespace = change.namespace ?? 'seal-origin';
    const spec = object.spec as any;
    const tampered = { ...object, metadata: { name, namespace }, spec: { ...spec, template: { ...spec.template, metadata: { name, namespace } } } };
    expectOk(await admin.apply(tampered), 'applying the tampered SealedSecret');
    expect(await refusal(admin, namespace, name)).toMatch(/no key could decrypt secret/);
    expect((await admin.get('v1', 'Secret', name, namespace)).status).toBe(404);
  });

  it('cannot reach the controller through the API server\'s service proxy here: loopback endpoints are refused, so --fetch-cert keeps its stand-in test', async () => {
    const admin = cluster().client();
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'sealed-secrets-controller', namespace: 'kube-system' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 8080 }] }] };
    const response = await admin.create(endpoints);
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(/loopback/);
  });
});
