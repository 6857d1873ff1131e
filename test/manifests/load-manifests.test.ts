import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../../src/contract/errors';
import { loadManifests, STDIN_NAME } from '../../src/manifests';
import { tempDir } from '../helpers/render';

const object = (kind: string, name: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

function loadError(paths: readonly string[], options?: Parameters<typeof loadManifests>[1]): VibeInputError {
  try {
    loadManifests(paths, options);
  } catch (error) {
    expect(error).toBeInstanceOf(VibeInputError);
    return error as VibeInputError;
  }
  throw new Error('expected a VibeInputError, but the paths were accepted');
}

describe('loadManifests', () => {
  it('walks a folder recursively in name order: yaml, yml and json; skips dot-folders, node_modules and other files', () => {
    const dir = tempDir();
    write(dir, {
      'b.yaml': object('ConfigMap', 'b'),
      'a/z.yml': object('ConfigMap', 'a-z'),
      'a/b/c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a-b-c"}}',
      'C.YAML': object('ConfigMap', 'upper'),
      '.hidden/x.yaml': object('ConfigMap', 'hidden'),
      'node_modules/pkg/x.yaml': object('ConfigMap', 'dependency'),
      'README.md': '# not a manifest',
      'values.txt': 'slug: shop',
    });
    const objects = loadManifests([dir]);
    expect(objects.map((o) => o.name)).toEqual(['upper', 'a-b-c', 'a-z', 'b']);
    expect(objects[1].file).toBe(path.join(dir, 'a', 'b', 'c.json'));
  });

  it('reads files in the order given, a file named twice once, and keeps the path as given', () => {
    const dir = tempDir();
    write(dir, { 'one.yaml': object('Service', 'one'), 'two.yaml': `${object('Service', 'two')}---\n${object('Pod', 'three')}` });
    const two = path.join(dir, 'two.yaml');
    const objects = loadManifests([two, path.join(dir, 'one.yaml'), dir]);
    expect(objects.map((o) => `${o.kind}/${o.name}@${o.line}`)).toEqual(['Service/two@1', 'Pod/three@6', 'Service/one@1']);
    expect(objects[0].file).toBe(two);
  });

  it('reads standard input for -', () => {
    const objects = loadManifests(['-'], { stdin: () => `---\n${object('Pod', 'from-stdin')}` });
    expect(objects.map((o) => [o.file, o.line, o.name])).toEqual([[STDIN_NAME, 2, 'from-stdin']]);
  });

  it('fails on a missing path', () => {
    expect(loadError(['/nonexistent/k8s']).message).toBe('/nonexistent/k8s: does not exist. Pass existing manifest files or folders, e.g. k8s/');
  });

  it('fails on a folder without manifests', () => {
    const dir = tempDir();
    write(dir, { 'notes.md': 'nothing here', '.git/config.yaml': object('Pod', 'x') });
    expect(loadError([dir]).message).toMatch(/is a folder with no \.yaml, \.yml or \.json files/);
  });

  it('fails when every document is empty', () => {
    const dir = tempDir();
    write(dir, { 'empty.yaml': '# nothing\n---\n' });
    expect(loadError([path.join(dir, 'empty.yaml')]).message).toMatch(/empty\.yaml: holds no Kubernetes objects/);
  });

  it('fails on empty standard input, calling it <stdin>', () => {
    expect(loadError(['-'], { stdin: () => '' }).message).toBe('<stdin>: holds no Kubernetes objects (every document is empty). Pass the folder or files of your manifests, e.g. k8s/');
  });

  it('fails on a binary file', () => {
    const dir = tempDir();
    write(dir, { 'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) });
    expect(loadError([dir]).message).toMatch(/image\.yaml: is a binary file \(it contains NUL bytes\)/);
  });

  it('fails on a file over 16 MiB without reading it', () => {
    const dir = tempDir();
    const huge = path.join(dir, 'huge.yaml');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 17 * 1024 * 1024); // sparse: nothing is written, the size is what counts
    expect(loadError([huge]).message).toBe(`${huge}: is 17.0 MiB; a manifest file may be at most 16.0 MiB. Check the path points at manifests.`);
  });

  it('fails on a file over a lower limit given by the caller', () => {
    const dir = tempDir();
    write(dir, { 'big.yaml': `${object('ConfigMap', 'big')}data:\n  x: "${'x'.repeat(2048)}"\n` });
    expect(loadError([dir], { maxFileBytes: 1024 }).message).toMatch(/big\.yaml: is 2\d{3} bytes; a manifest file may be at most 1024 bytes/);
  });

  it('fails on oversized standard input', () => {
    expect(loadError(['-'], { stdin: () => Buffer.alloc(2048, 0x20), maxFileBytes: 1024 }).message).toMatch(/^<stdin>: is 2048 bytes; a manifest file may be at most 1024 bytes/);
  });

  it('fails on a path that cannot be read', () => {
    const dir = tempDir();
    write(dir, { 'file.yaml': object('Pod', 'x') });
    const underAFile = path.join(dir, 'file.yaml', 'inner.yaml');
    expect(loadError([underAFile]).message).toBe(`${underAFile}: cannot be read (ENOTDIR). Pass existing manifest files or folders, e.g. k8s/`);
  });

  it('fails on a dangling symlink inside a folder', () => {
    const dir = tempDir();
    write(dir, { 'ok.yaml': object('Pod', 'x') });
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'link.yaml'));
    expect(loadError([dir]).message).toBe(`${path.join(dir, 'link.yaml')}: does not exist. Pass existing manifest files or folders, e.g. k8s/`);
  });

  it('fails on a syntax error with the path of the file', () => {
    const dir = tempDir();
    write(dir, { 'broken.yaml': 'apiVersion: v1\nkind: [\n' });
    expect(loadError([dir]).message).toMatch(new RegExp(`^${path.join(dir, 'broken.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: not valid YAML`));
  });

  it('does not loop on a symlink cycle', () => {
    const dir = tempDir();
    write(dir, { 'a/x.yaml': object('Pod', 'x') });
    fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
    expect(loadManifests([dir]).map((o) => o.name)).toEqual(['x']);
  });
});
