import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { STACK_LINE, vibe, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/render';
import { testKeyPair, unseal } from './helpers/unseal';

// Runs the compiled CLI (lib/cli/main.js): build with `npx tsc --build` before running this file alone.

const NS = 'platform-vibe-shop';
const NAME = 'shop-credentials';
const FIXTURE_CERT = path.join(__dirname, 'fixtures', 'sealed-secrets-cert.pem');

/** Unique per run, so finding it anywhere can only mean vibe seal leaked it. */
const STDIN_SECRET = `stdin-s3cret-${randomUUID()}`;
const ENV_SECRET = `env-s3cret-${randomUUID()}`;
const SECRETS = [STDIN_SECRET, ENV_SECRET];

let certFile: string;
beforeAll(() => {
  certFile = path.join(tempDir('vibe-seal-cli-'), 'sealed-secrets-cert.pem');
  fs.writeFileSync(certFile, testKeyPair().publicPem);
});

function run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliResult {
  for (const arg of args) for (const secret of SECRETS) expect(arg).not.toContain(secret);
  return vibe(['seal', ...args], options);
}

const open = (ciphertext: string, label: string) => unseal(ciphertext, testKeyPair().privateKey, label).toString('utf8');

/** Every file below `dir` that contains `secret`, as bytes. */
function filesContaining(dir: string, secret: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    if (entry.isFile() && fs.readFileSync(file).includes(Buffer.from(secret))) hits.push(file);
  }
  return hits;
}

function expectNoSecretIn(result: CliResult): void {
  for (const secret of SECRETS) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

describe('vibe seal', () => {
  it('seals KEY=VALUE lines from stdin into a SealedSecret on stdout that the private key opens', () => {
    const result = run(['--cert', certFile, '--namespace', NS, '--name', NAME], { input: `# db\nDB_USER=shop\r\nDB_PASSWORD=${STDIN_SECRET}\n` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expectNoSecretIn(result);
    const manifest = parseYaml(result.stdout);
    expect(manifest).toMatchObject({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: NAME, namespace: NS } });
    expect(manifest.metadata.annotations).toBeUndefined();
    expect(Object.keys(manifest.spec.encryptedData)).toEqual(['DB_PASSWORD', 'DB_USER']);
    expect(manifest.spec.template).toEqual({ metadata: { name: NAME, namespace: NS }, type: 'Opaque' });
    expect(open(manifest.spec.encryptedData.DB_PASSWORD, `${NS}/${NAME}`)).toBe(STDIN_SECRET);
    expect(open(manifest.spec.encryptedData.DB_USER, `${NS}/${NAME}`)).toBe('shop');
  });

  it('merges stdin and --from-env values into a sealed file without the plaintext reaching argv, output or disk', () => {
    const cwd = tempDir('vibe-seal-work-');
    const tmp = tempDir('vibe-seal-tmp-');
    const env = { TMPDIR: tmp, TMP: tmp, TEMP: tmp, API_TOKEN: ENV_SECRET };
    const result = run(['--cert', certFile, '-n', NS, '--name', NAME, '--scope', 'namespace-wide', '--from-env', 'API_TOKEN', '--merge-into', 'sealed-secrets.yaml'], {
      cwd,
      env,
      input: `DB_PASSWORD=${STDIN_SECRET}\n`,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Created sealed-secrets.yaml for secret "${NAME}" in namespace "${NS}" (namespace-wide scope): added API_TOKEN, DB_PASSWORD.\n`);
    expectNoSecretIn(result);
    for (const secret of SECRETS) {
      expect(filesContaining(cwd, secret)).toEqual([]);
      expect(filesContaining(tmp, secret)).toEqual([]);
    }
    expect(fs.readdirSync(cwd)).toEqual(['sealed-secrets.yaml']);

    const manifest = parseYaml(fs.readFileSync(path.join(cwd, 'sealed-secrets.yaml'), 'utf8'));
    expect(manifest.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect(manifest.spec.template.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect(open(manifest.spec.encryptedData.API_TOKEN, NS)).toBe(ENV_SECRET);
    expect(open(manifest.spec.encryptedData.DB_PASSWORD, NS)).toBe(STDIN_SECRET);
  });

  it('replaces one key of an existing sealed file and keeps the others', () => {
    const cwd = tempDir('vibe-seal-work-');
    const common = ['--cert', certFile, '-n', NS, '--name', NAME, '--merge-into', 'sealed.yaml'];
    expect(run(common, { cwd, input: 'A=1\nB=2\n' }).status).toBe(0);
    const result = run(common, { cwd, input: `B=${STDIN_SECRET}\nC=3\n` });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`Updated sealed.yaml for secret "${NAME}" in namespace "${NS}" (strict scope): added C; replaced B; kept A.\n`);
    const data = parseYaml(fs.readFileSync(path.join(cwd, 'sealed.yaml'), 'utf8')).spec.encryptedData;
    expect(Object.keys(data)).toEqual(['A', 'B', 'C']);
    expect(open(data.B, `${NS}/${NAME}`)).toBe(STDIN_SECRET);
    expect(open(data.A, `${NS}/${NAME}`)).toBe('1');
  });

  it('prints KEY=<sealed> lines with --raw, sealed cluster-wide with --scope cluster-wide', () => {
    const result = run(['--cert', certFile, '-n', NS, '--name', NAME, '--raw', '--scope', 'cluster-wide', '--from-env', 'API_TOKEN'], { env: { API_TOKEN: ENV_SECRET } });
    expect(result.status).toBe(0);
    expectNoSecretIn(result);
    const [line, ...rest] = result.stdout.split('\n');
    expect(rest).toEqual(['']);
    expect(line).toMatch(/^API_TOKEN=[A-Za-z0-9+/]+=*$/);
    expect(open(line.slice('API_TOKEN='.length), '')).toBe(ENV_SECRET);
  });

  it('accepts the controller certificate (X.509 PEM)', () => {
    const result = run(['--cert', FIXTURE_CERT, '-n', NS, '--name', NAME, '--raw'], { input: 'A=1\n' });
    expect(result.status).toBe(0);
    expect(Buffer.from(result.stdout.trim().split('=').slice(1).join('='), 'base64').readUInt16BE(0)).toBe(256);
  });

  it('lists the command in the help', () => {
    const result = vibe(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\s+seal \[options\]\s+Encrypt secret values/m);
  });
});

describe('vibe seal: bad input is one plain line and exit 2', () => {
  const flags = () => ['--cert', certFile, '-n', NS, '--name', NAME];

  function expectOneLineError(result: CliResult, message: RegExp): void {
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
    expectNoSecretIn(result);
    expect(result.status).toBe(2);
  }

  it.each([
    ['empty input', () => flags(), '', /^stdin: no KEY=VALUE lines to seal/],
    ['a malformed line', () => flags(), `A=1\n${STDIN_SECRET}\n`, /^stdin: line 2 has no "=": every line must be KEY=VALUE \(the line is not shown/],
    ['a duplicate key', () => flags(), `A=${STDIN_SECRET}\nA=2\n`, /^stdin: line 2 sets the same key as line 1; give each key once\.$/],
    ['an invalid key name', () => flags(), `DB PASSWORD=${STDIN_SECRET}\n`, /^stdin: line 1: the name before the first "=" is not a valid Secret key/],
    ['a missing certificate', () => ['--cert', '/nonexistent/cert.pem', '-n', NS, '--name', NAME], 'A=1\n', /^--cert: "\/nonexistent\/cert\.pem" does not exist\. Expected the Sealed Secrets controller's certificate/],
    ['a file that is not a certificate', () => ['--cert', FIXTURE_CERT.replace('sealed-secrets-cert.pem', '../cli.test.ts'), '-n', NS, '--name', NAME], 'A=1\n', /^--cert: ".*cli\.test\.ts" holds no PEM certificate or public key\./],
    ['a namespace that is not a DNS label', () => ['--cert', certFile, '-n', 'Shop', '--name', NAME], 'A=1\n', /^--namespace: got a value that is not a valid name \(4 characters, capital letters; not repeated here, in case a secret was pasted\); a namespace is at most 63 lowercase letters.* Example: --namespace platform-vibe-shop$/],
    ['a name that is not a DNS name', () => ['--cert', certFile, '-n', NS, '--name', 'shop_credentials'], 'A=1\n', /^--name: got a value that is not a valid name \(16 characters, "_"; not repeated[^"]*\); a Secret name is lowercase letters.* Example: --name shop-credentials$/],
    ['an unknown scope', () => [...flags(), '--scope', 'global'], 'A=1\n', /^--scope: got "global"; allowed values are "strict", "namespace-wide", "cluster-wide" \(default "strict"\)\. Example: --scope namespace-wide$/],
    ['--raw with --merge-into', () => [...flags(), '--raw', '--merge-into', 'x.yaml'], 'A=1\n', /^--raw: cannot be combined with --merge-into/],
    ['a --from-env variable that is not set', () => [...flags(), '--from-env', 'VIBE_TEST_UNSET_VARIABLE'], '', /^--from-env: the environment variable VIBE_TEST_UNSET_VARIABLE is not set\./],
  ])('fails on %s', (_, args, input, message) => {
    expectOneLineError(run(args(), { input }), message);
  });

  it('fails to merge into a file sealed for another Secret, saying what it was sealed for', () => {
    const cwd = tempDir('vibe-seal-work-');
    expect(run([...flags(), '--merge-into', 'sealed.yaml'], { cwd, input: 'A=1\n' }).status).toBe(0);
    const result = run(['--cert', certFile, '-n', NS, '--name', 'other-secret', '--merge-into', 'sealed.yaml'], { cwd, input: `B=${STDIN_SECRET}\n` });
    expectOneLineError(result, /^sealed\.yaml:\d+: this file is sealed for secret "shop-credentials" in namespace "platform-vibe-shop" \(strict scope\); you asked for secret "other-secret"/);
  });

  it('fails on a missing required flag with exit 2', () => {
    const result = run(['-n', NS, '--name', NAME], { input: 'A=1\n' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: required option '--cert <file>' not specified/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
