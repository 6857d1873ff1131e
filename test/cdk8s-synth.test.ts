import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT, vibe } from './helpers/cli';
import { readFolder, tempDir } from './helpers/render';

describe('cdk8s synth with the root cdk8s.yaml', () => {
  it('writes the same files from main.ts as vibe synth writes from the equivalent values.yaml', () => {
    const fromMain = tempDir();
    const cdk8s = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--output', fromMain], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(cdk8s.stderr).not.toMatch(/error/i);
    expect(cdk8s.status).toBe(0);

    const fromValues = tempDir();
    expect(vibe(['synth', '--values', 'examples/inventory-checker/values.yaml', '--out', fromValues]).status).toBe(0);

    expect(readFolder(fromMain).size).toBeGreaterThan(0);
    expect(readFolder(fromMain)).toEqual(readFolder(fromValues));
  });
});
