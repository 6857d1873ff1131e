import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { vibe } from './helpers/cli';
import { tempDir } from './helpers/render';
import { testKeyPair, unseal } from './seal/helpers/unseal';

/**
 * The creator's path end to end: synth writes stubs, `vibe seal --generate` seals fresh
 * credentials into the app's sealed file, synth again puts that ciphertext in 02, and the
 * controller's side of the format (an independent decryption) opens it.
 */
describe('sealing an app end to end', () => {
  const dir = tempDir();
  const keys = testKeyPair(2048);
  const cert = path.join(dir, 'cluster-cert.pem');
  fs.writeFileSync(cert, keys.publicPem);
  fs.writeFileSync(
    path.join(dir, 'vibe.yaml'),
    'slug: shop\nimage: { repository: shop, tag: 0123abc }\ncomponents: { postgres: true, redis: true }\n',
  );
  const label = 'platform-vibe-shop/shop-secrets';
  const sealedOf = (file: string): Record<string, string> => {
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS());
    return docs.find((d) => d?.kind === 'SealedSecret').spec.encryptedData;
  };

  it('writes REPLACE_ME stubs and a notice before anything is sealed', () => {
    const result = vibe(['synth', '--values', 'vibe.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^notice: 4 credential\(s\) are not sealed yet \(DATABASE_URL, POSTGRES_PASSWORD, REDIS_PASSWORD, REDIS_URL\)/m);
    expect(Object.values(sealedOf(path.join(dir, 'k8s', '02-sealed-secrets.yaml')))).toEqual(Array(4).fill('REPLACE_ME'));
  });

  it('generates, seals and merges every credential without printing one', () => {
    const result = vibe(['seal', '--values', 'vibe.yaml', '--cert', 'cluster-cert.pem', '--generate'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/added DATABASE_URL, POSTGRES_PASSWORD, REDIS_PASSWORD, REDIS_URL/);
    const again = vibe(['seal', '--values', 'vibe.yaml', '--cert', 'cluster-cert.pem', '--generate'], { cwd: dir });
    expect(again.stderr).toMatch(/Nothing to generate/);
  });

  it('puts the ciphertext in 02 on the next synth, and the controller can open it', () => {
    const result = vibe(['synth', '--values', 'vibe.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const data = sealedOf(path.join(dir, 'k8s', '02-sealed-secrets.yaml'));
    expect(data).toEqual(sealedOf(path.join(dir, 'sealed-secrets.yaml')));
    const open = (key: string) => unseal(data[key], keys.privateKey, label).toString('utf8');
    const password = open('POSTGRES_PASSWORD');
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(open('DATABASE_URL')).toBe(`postgres://app:${password}@shop-postgres:5432/app`);
    expect(open('REDIS_URL')).toBe(`redis://:${open('REDIS_PASSWORD')}@shop-redis:6379/0`);
    expect(() => unseal(data.POSTGRES_PASSWORD, keys.privateKey, 'platform-vibe-other/shop-secrets')).toThrow();
    for (const file of fs.readdirSync(path.join(dir, 'k8s'))) {
      expect(fs.readFileSync(path.join(dir, 'k8s', file), 'utf8')).not.toContain(password);
    }
  });

  it("adds the creator's own sealed key to the app as a secretKeyRef", () => {
    const seal = vibe(['seal', '--values', 'vibe.yaml', '--cert', 'cluster-cert.pem'], { cwd: dir, input: 'STRIPE_API_KEY=sk_test_123\n' });
    expect(seal.status).toBe(0);
    expect(vibe(['synth', '--values', 'vibe.yaml'], { cwd: dir }).status).toBe(0);
    const app = fs.readFileSync(path.join(dir, 'k8s', '08-app.yaml'), 'utf8');
    expect(app).toContain('name: STRIPE_API_KEY');
    expect(app).not.toContain('sk_test_123');
    const data = sealedOf(path.join(dir, 'k8s', '02-sealed-secrets.yaml'));
    expect(unseal(data.STRIPE_API_KEY, keys.privateKey, label).toString()).toBe('sk_test_123');
  });

  it('fails when the sealed file is for another app', () => {
    const other = tempDir();
    fs.copyFileSync(path.join(dir, 'sealed-secrets.yaml'), path.join(other, 'sealed-secrets.yaml'));
    fs.writeFileSync(path.join(other, 'vibe.yaml'), 'slug: other\nimage: { repository: other, tag: 0123abc }\n');
    const result = vibe(['synth', '--values', 'vibe.yaml'], { cwd: other });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the sealed file is for secret "shop-secrets" in namespace "platform-vibe-shop".*Seal the values again with --namespace platform-vibe-other --name other-secrets/);
  });

  it('fails on --generate without --app or --values', () => {
    const result = vibe(['seal', '--cert', cert, '--namespace', 'x', '--name', 'y', '--generate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--generate: needs the app's answers .*--app main\.ts or --values vibe\.yaml/);
  });
});
