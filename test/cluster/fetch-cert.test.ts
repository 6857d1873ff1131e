import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_LINE } from '../helpers/cli';
import { expectOneLineError, tempDir } from './helpers/files';
import { vibeAsync } from './helpers/run';
import { StandIn } from './helpers/stand-in';
import { unseal } from '../seal/helpers/unseal';

// Runs the compiled CLI (lib/cli/main.js) against a stand-in API server: build with `npx tsc --build` first.
jest.setTimeout(60_000);

interface TestCertificate {
  readonly pem: string;
  readonly privateKey: KeyObject;
  readonly fingerprint: string;
}

/** A key pair and a self-signed certificate, as the controller makes them (smaller key, same kind). */
function makeCertificate(dir: string, name: string): TestCertificate {
  const keyFile = path.join(dir, `${name}-key.pem`);
  const certFile = path.join(dir, `${name}-cert.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-subj', `/CN=${name}`, '-days', '1'], { stdio: 'ignore' });
  const pem = fs.readFileSync(certFile, 'utf8');
  return { pem, privateKey: createPrivateKey(fs.readFileSync(keyFile)), fingerprint: new X509Certificate(pem).fingerprint256 };
}

const CERT_PATH = '/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/cert.pem';
const SECRET = 'sk_live_fetch-cert-test-value';

describe('vibe seal --fetch-cert', () => {
  let standIn: StandIn;
  let first: TestCertificate;
  let second: TestCertificate;
  let kubeconfig: string;

  beforeAll(async () => {
    const keys = tempDir('vibe-fetch-cert-keys-');
    first = makeCertificate(keys, 'first');
    second = makeCertificate(keys, 'second');
    standIn = await StandIn.start();
    kubeconfig = standIn.kubeconfig(tempDir());
  });
  afterAll(async () => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.state.certificates.clear();
    standIn.state.forbidden.length = 0;
  });

  const sealRaw = (cwd: string, ...extra: string[]) =>
    vibeAsync(['seal', '--fetch-cert', '--kubeconfig', kubeconfig, '--namespace', 'platform-vibe-shop', '--name', 'shop-secrets', '--raw', ...extra], {
      cwd,
      input: `API_KEY=${SECRET}\n`,
    });
  const opened = (stdout: string, certificate: TestCertificate, label = 'platform-vibe-shop/shop-secrets') =>
    unseal(/^API_KEY=(\S+)$/m.exec(stdout)![1], certificate.privateKey, label).toString('utf8');

  it('fetches the certificate through the service proxy, caches it, seals with it, and warns when it changed', async () => {
    const project = tempDir();
    const cache = path.join(project, '.vibe', 'sealed-secrets-cert.pem');
    standIn.state.certificates.set('kube-system/sealed-secrets-controller', first.pem);

    const fetched = await sealRaw(project);
    expect(fetched.status).toBe(0);
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${CERT_PATH}`]);
    expect(fs.readFileSync(cache, 'utf8')).toBe(first.pem);
    expect(fetched.stderr).toBe(`Fetched the Sealed Secrets certificate from kube-system/sealed-secrets-controller at ${standIn.url} (SHA-256 ${first.fingerprint}); cached in .vibe/sealed-secrets-cert.pem.\n`);
    expect(opened(fetched.stdout, first)).toBe(SECRET);

    // The same certificate again: nothing to say.
    const again = await sealRaw(project);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(opened(again.stdout, first)).toBe(SECRET);

    // The controller now serves another key: a warning naming both fingerprints, the cache follows.
    standIn.state.certificates.set('kube-system/sealed-secrets-controller', second.pem);
    const changed = await sealRaw(project);
    expect(changed.status).toBe(0);
    expect(changed.stderr).toMatch(/^warning: the Sealed Secrets certificate changed since the last seal: /);
    expect(changed.stderr).toContain(`had SHA-256 ${first.fingerprint}`);
    expect(changed.stderr).toContain(`now serves SHA-256 ${second.fingerprint}`);
    expect(changed.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(cache, 'utf8')).toBe(second.pem);
    expect(opened(changed.stdout, second)).toBe(SECRET);
    expect(() => opened(changed.stdout, first)).toThrow();

    for (const result of [fetched, again, changed]) expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
  });

  it('takes the controller from the answers\' cluster config and caches beside the answers file', async () => {
    const project = tempDir();
    fs.writeFileSync(
      path.join(project, 'vibe.yaml'),
      [
        'slug: shop',
        'image: { repository: shop-app, tag: a3f91bc }',
        'cluster:',
        '  sealedSecrets: { controllerName: sealed-secrets, controllerNamespace: sealed-secrets }',
        '',
      ].join('\n'),
    );
    standIn.state.certificates.set('sealed-secrets/sealed-secrets', first.pem);
    const elsewhere = tempDir();
    const result = await vibeAsync(['seal', '--fetch-cert', '--kubeconfig', kubeconfig, '--values', path.join(project, 'vibe.yaml'), '--raw'], {
      cwd: elsewhere,
      input: `API_KEY=${SECRET}\n`,
    });
    expect(result.stderr).toContain('Fetched the Sealed Secrets certificate from sealed-secrets/sealed-secrets');
    expect(result.status).toBe(0);
    expect(standIn.requests.map((r) => r.path)).toEqual(['/api/v1/namespaces/sealed-secrets/services/http:sealed-secrets:/proxy/v1/cert.pem']);
    expect(fs.readFileSync(path.join(project, '.vibe', 'sealed-secrets-cert.pem'), 'utf8')).toBe(first.pem);
    expect(fs.existsSync(path.join(elsewhere, '.vibe'))).toBe(false);
    expect(opened(result.stdout, first, 'platform-vibe-shop/shop-secrets')).toBe(SECRET);
  });

  it('lets --controller-name and --controller-namespace override the defaults', async () => {
    standIn.state.certificates.set('security/sealer', first.pem);
    const result = await sealRaw(tempDir(), '--controller-name', 'sealer', '--controller-namespace', 'security');
    expect(result.status).toBe(0);
    expect(standIn.requests.map((r) => r.path)).toEqual(['/api/v1/namespaces/security/services/http:sealer:/proxy/v1/cert.pem']);
  });

  it('names the controller it looked for when the Service is not there (exit 2, nothing cached)', async () => {
    const project = tempDir();
    const result = await sealRaw(project);
    expectOneLineError(result, /^No Sealed Secrets controller Service "sealed-secrets-controller" in namespace "kube-system" at http:\/\/127\.0\.0\.1:\d+ .*--controller-name/);
    expect(fs.existsSync(path.join(project, '.vibe'))).toBe(false);
  });

  it('says which right is missing when the API server forbids the service proxy', async () => {
    standIn.state.certificates.set('kube-system/sealed-secrets-controller', first.pem);
    standIn.state.forbidden.push({ path: /\/services\/.*\/proxy\// });
    const result = await sealRaw(tempDir());
    expectOneLineError(result, /^Permission denied: you lack permission to get services\/proxy in namespace "kube-system" \(403 Forbidden from http:\/\/127\.0\.0\.1:\d+/);
  });

  it('refuses something that is not a certificate, and keeps the cached one', async () => {
    const project = tempDir();
    fs.mkdirSync(path.join(project, '.vibe'));
    fs.writeFileSync(path.join(project, '.vibe', 'sealed-secrets-cert.pem'), first.pem);
    standIn.state.certificates.set('kube-system/sealed-secrets-controller', '<html>Bad gateway</html>');
    const result = await sealRaw(project);
    expectOneLineError(result, /^--fetch-cert: the certificate served by kube-system\/sealed-secrets-controller at http:\/\/127\.0\.0\.1:\d+ holds no PEM certificate or public key\./);
    expect(fs.readFileSync(path.join(project, '.vibe', 'sealed-secrets-cert.pem'), 'utf8')).toBe(first.pem);
  });

  it.each([
    ['--cert and --fetch-cert together', ['--cert', 'cert.pem', '--fetch-cert'], /^--fetch-cert: cannot be combined with --cert/],
    ['neither --cert nor --fetch-cert', [], /^error: required option '--cert <file>' not specified \(or --fetch-cert to fetch the certificate from the cluster\)/],
    ['--controller-name without --fetch-cert', ['--cert', 'cert.pem', '--controller-name', 'sealer'], /^--controller-name: only applies with --fetch-cert\.\n$/],
    ['a controller name that is not a DNS label', ['--fetch-cert', '--controller-name', 'Sealer_1'], /^--controller-name: got "Sealer_1"/],
  ])('refuses %s before contacting the cluster (exit 2)', async (_name, flags, message) => {
    const result = await vibeAsync(['seal', '--namespace', 'platform-vibe-shop', '--name', 'shop-secrets', ...flags], { cwd: tempDir(), input: 'A=1\n' });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.status).toBe(2);
    expect(standIn.requests).toEqual([]);
  });
});
