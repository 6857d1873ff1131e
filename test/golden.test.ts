import * as path from 'node:path';
import { vibe } from './helpers/cli';
import { readFolder, tempDir } from './helpers/render';

/**
 * The whole numbered set of the example, byte for byte, against files reviewed and committed
 * under test/golden/. They are never rewritten by the test run; `npm run golden:update`
 * rewrites them on purpose and the diff is reviewed.
 */
const GOLDEN = path.join(__dirname, 'golden', 'inventory-checker');

describe('golden output of the Inventory Checker example', () => {
  const out = tempDir();
  const result = vibe(['synth', '--values', 'examples/inventory-checker/values.yaml', '--out', out]);

  it('synthesizes without error', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('writes exactly the expected files', () => {
    expect([...readFolder(out).keys()]).toEqual([
      '00-namespace.yaml',
      '03-configmap.yaml',
      '08-app.yaml',
      '09-nginx.yaml',
      '10-ingress.yaml',
      '12-hpa.yaml',
    ]);
  });

  it('matches the golden files byte for byte', () => {
    expect(readFolder(out)).toEqual(readFolder(GOLDEN));
  });
});
