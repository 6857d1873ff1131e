import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';
import { testKeyPair, unseal } from './helpers/unseal';

// Runs the compiled CLI (lib/cli/main.js): build with `npx tsc --build` before running this file alone.

const NS = 'platform-vibe-shop';
const NAME = 'shop-credentials';
/** Keys YAML 1.1 (what Kubernetes reads) takes for booleans and numbers when written plainly. */
const AMBIGUOUS_KEYS = ['on', 'off', 'yes', 'no', 'y', 'n', 'Y', 'NO', 'true', '1_000', '0123', '1e3', 'null', '0x1F'];

let dir: string;
let certFile: string;
beforeAll(() => {
  dir = tempDir('vibe-seal-yaml11-');
  certFile = path.join(dir, 'cert.pem');
  fs.writeFileSync(certFile, testKeyPair().publicPem);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const yaml11 = (text: string) => parseYaml(text, { version: '1.1' });

describe('vibe seal writes YAML that Kubernetes reads as written', () => {
  it("printf 'on=1\\n' | vibe seal: the key is the string \"on\" when read as YAML 1.1", () => {
    const result = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME], { input: 'on=1\n' });
    expect(result.status).toBe(0);
    const manifest = yaml11(result.stdout);
    expect(Object.keys(manifest.spec.encryptedData)).toEqual(['on']);
    expect(unseal(manifest.spec.encryptedData.on, testKeyPair().privateKey, `${NS}/${NAME}`).toString()).toBe('1');
  });

  it('quotes every key YAML 1.1 would read as a boolean, null or number, on stdout and merged into a file', () => {
    const input = AMBIGUOUS_KEYS.map((k) => `${k}=v`).join('\n');
    const printed = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME], { input });
    expect(Object.keys(yaml11(printed.stdout).spec.encryptedData).sort()).toEqual([...AMBIGUOUS_KEYS].sort());
    const file = path.join(dir, 'sealed.yaml');
    const merged = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME, '--merge-into', file], { input });
    expect(merged.status).toBe(0);
    expect(Object.keys(yaml11(fs.readFileSync(file, 'utf8')).spec.encryptedData).sort()).toEqual([...AMBIGUOUS_KEYS].sort());
  });

  it('keeps a JSON SealedSecret (kubeseal\'s default format) JSON when merging into it', () => {
    const yamlText = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME], { input: 'A=1\n' }).stdout;
    const file = path.join(dir, 'sealed.json');
    fs.writeFileSync(file, JSON.stringify(parseYaml(yamlText), null, 2));
    const merged = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME, '--merge-into', file], { input: 'on=2\n' });
    expect(merged.status).toBe(0);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(written.spec.encryptedData)).toEqual(['A', 'on']);
  });
});

describe('vibe seal never repeats what may be a pasted secret', () => {
  it('fails a secret pasted as --name or --from-env without repeating it', () => {
    const pasted = `Sk-${randomUUID()}`;
    const asName = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', pasted], { input: 'A=1\n' });
    expect(asName.status).toBe(2);
    expect(asName.stderr).toMatch(/--name: got a value that is not a valid name/);
    const asEnv = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME, '--from-env', `${pasted} x`], { input: '' });
    expect(asEnv.status).toBe(2);
    expect(asEnv.stderr).toMatch(/--from-env: got something that is not a variable name/);
    for (const result of [asName, asEnv]) expect(result.stdout + result.stderr).not.toContain(pasted.slice(3));
  });

  it('refuses an environment value that is not UTF-8 instead of sealing changed bytes', () => {
    const result = vibe(['seal', '--cert', certFile, '--namespace', NS, '--name', NAME, '--from-env', 'BINARY'], { env: { BINARY: 'ab\uFFFDcd' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/BINARY is not UTF-8 text.*stdin/);
  });
});
