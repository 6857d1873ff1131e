import * as fs from 'node:fs';
import * as path from 'node:path';
import { isFromRegistry, vibeEnvSource } from '../../src/init/vibe-env-source';
import { tempDir } from '../helpers/render';

/** A project with vibe-env installed, as npm leaves it: node_modules/.package-lock.json records where it came from. */
function installedCopy(resolved: string | undefined, version = '0.1.0'): string {
  const project = tempDir('vibe-source-');
  const root = path.join(project, 'node_modules', 'vibe-env');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'vibe-env', version }));
  const entry = resolved === undefined ? { version } : { version, resolved };
  fs.writeFileSync(path.join(project, 'node_modules', '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/vibe-env': entry } }));
  return root;
}

describe('where a new repository gets vibe-env', () => {
  it('depends on the registry range when this vibe-env was installed from a registry', () => {
    const root = installedCopy('https://registry.example.com/vibe-env/-/vibe-env-0.1.0.tgz');
    expect(isFromRegistry(root, '0.1.0')).toBe(true);
    expect(vibeEnvSource('0.1.0', root)).toEqual({ spec: '^0.1.0' });
  });

  it.each([
    ['a tarball', 'file:../vibe-env-0.1.0.tgz'],
    ['a vendored copy', 'file:vendor/vibe-env-0.1.0.tgz'],
    ['a folder link', 'file:../vibe-env'],
    ['no record', undefined],
  ])('does not treat %s as a registry install', (_what, resolved) => {
    expect(isFromRegistry(installedCopy(resolved), '0.1.0')).toBe(false);
  });

  it('does not trust a record of another version', () => {
    expect(isFromRegistry(installedCopy('https://registry.example.com/vibe-env/-/vibe-env-0.0.9.tgz', '0.0.9'), '0.1.0')).toBe(false);
  });

  it('treats the clone as unpublished and packs it into vendor/ (a real npm pack, in memory)', () => {
    const source = vibeEnvSource('0.1.0');
    expect(source.spec).toBe('file:vendor/vibe-env-0.1.0.tgz');
    expect(source.vendored?.path).toBe('vendor/vibe-env-0.1.0.tgz');
    // gzip magic: a real tarball, not a placeholder.
    expect([...source.vendored!.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('fails with one plain line naming --vibe-env-spec when npm pack cannot run', () => {
    const notAPackage = tempDir('vibe-source-');
    expect(() => vibeEnvSource('0.1.0', notAPackage)).toThrow(/^vibe-env: .*npm pack failed .*--vibe-env-spec file:/);
  });
});
