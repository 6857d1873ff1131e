import * as fs from 'node:fs';
import * as path from 'node:path';
import { STACK_LINE, vibe } from './helpers/cli';
import { tempDir } from './helpers/render';

function writeValues(text: string): string {
  const file = path.join(tempDir(), 'values.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const VIBE_YAML = `slug: shop
name: Shop
image:
  repository: shop-app
  tag: 0123abc
size: sm
components:
  nginx: false
`;

describe('vibe synth', () => {
  it('synthesizes a vibe.yaml and lists the files it wrote', () => {
    const out = path.join(tempDir(), 'k8s');
    const result = vibe(['synth', '--values', writeValues(VIBE_YAML), '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Synthesized "Shop" \(namespace platform-vibe-shop\) from vibe.yaml/);
    expect(result.stdout).toMatch(/08-app.yaml\s+ServiceAccount, Deployment, Service/);
    expect(fs.readdirSync(out).sort()).toEqual(['.vibe-files', '00-namespace.yaml', '01-network-policies.yaml', '03-configmap.yaml', '08-app.yaml', '10-ingress.yaml', '11-metrics-exporters.yaml', '12-hpa.yaml', 'README.md']);
  });

  it('writes to k8s/ by default', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, 'vibe.yaml'), VIBE_YAML);
    expect(vibe(['synth', '--values', 'vibe.yaml'], { cwd }).status).toBe(0);
    expect(fs.readdirSync(path.join(cwd, 'k8s'))).toContain('00-namespace.yaml');
  });

  it('accepts a cluster block in vibe.yaml', () => {
    const out = tempDir();
    const result = vibe(['synth', '-f', writeValues(`${VIBE_YAML}cluster:\n  prefix: acme\n`), '-o', out]);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(out, '00-namespace.yaml'), 'utf8')).toContain('name: acme-vibe-shop');
  });

  it('notes Helm fields that have no effect', () => {
    const values = writeValues('app:\n  slug: shop\n  image: {repository: shop, tag: 0123abc}\nnginx:\n  enabled: true\n  image: nginx:latest\n');
    const result = vibe(['synth', '--values', values, '--out', tempDir()]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^note: nginx.image: component images always come from cluster.mirrorPrefix/m);
  });

  it('fails on a latest tag with exit 2, the file, the line and the Helm field name, and no stack', () => {
    const values = writeValues('app:\n  slug: shop\n  image:\n    repository: shop\n    tag: latest\n');
    const out = path.join(tempDir(), 'k8s');
    const result = vibe(['synth', '--values', values, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${values}:5: app.image.tag: got "latest"`);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('fails on Helm component fields by their Helm names', () => {
    const values = writeValues('app:\n  slug: shop\n  image: {repository: shop, tag: 0123abc}\npostgres:\n  enabled: true\n  storage: 5GB\nmongo:\n  enabled: true\n');
    const result = vibe(['synth', '--values', values, '--out', tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${values}:6: postgres.storage: got "5GB"`);
    expect(result.stderr).toMatch(/postgres.enabled: postgres and mongo cannot both be on/);
  });

  it('fails on an unknown Helm field with a suggestion', () => {
    const values = writeValues('app:\n  slug: shop\n  imgae: {repository: shop, tag: 0123abc}\n');
    const result = vibe(['synth', '--values', values, '--out', tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${values}:3: app.imgae: unknown field. Did you mean "image"?`);
  });

  it('fails on a YAML syntax error with file:line:column', () => {
    const values = writeValues('slug: shop\nimage:\n  repository: shop\n   tag: abc1234\n');
    const result = vibe(['synth', '--values', values]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${values.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: not valid YAML`));
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    ['a missing file', ['synth', '--values', '/nonexistent/vibe.yaml'], /"\/nonexistent\/vibe.yaml" does not exist/],
    ['a folder instead of a file', ['synth', '--values', '/tmp'], /is a folder/],
    ['neither --app nor --values', ['synth'], /needs exactly one of --app <main.ts> or --values <file>/],
    ['both --app and --values', ['synth', '--app', 'main.ts', '--values', 'vibe.yaml'], /needs exactly one of --app/],
    ['an unknown option', ['synth', '--values', 'x', '--bogus'], /unknown option '--bogus'/],
    ['an unknown command', ['deploy'], /unknown command 'deploy'/],
  ])('fails on %s with exit 2 and no stack', (_title, args, message) => {
    const result = vibe(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('fails on an empty or binary file', () => {
    expect(vibe(['synth', '--values', writeValues('')]).stderr).toMatch(/is empty/);
    const binary = path.join(tempDir(), 'v.yaml');
    fs.writeFileSync(binary, Buffer.from([0x73, 0x00, 0x01]));
    expect(vibe(['synth', '--values', binary]).stderr).toMatch(/binary file/);
  });

  it('fails on a YAML alias bomb without hanging', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const result = vibe(['synth', '--values', writeValues(`${bomb.join('\n')}\n`)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/alias|YAML/i);
  });

  it('prints help with exit 0', () => {
    const result = vibe(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/synth \[options\]/);
  });
});
