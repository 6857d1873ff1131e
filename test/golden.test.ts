import * as fs from 'node:fs';
import * as path from 'node:path';
import { vibe } from './helpers/cli';
import { readFolder, tempDir } from './helpers/render';

/**
 * Whole numbered sets, byte for byte, against files reviewed and committed under test/golden/.
 * A test run never rewrites them; `npm run golden:update` does, on purpose, and the diff is
 * reviewed like code.
 */
const GOLDEN = path.join(__dirname, 'golden');

const CASES: [name: string, answers: string, files: string[]][] = [
  [
    'inventory-checker',
    'examples/inventory-checker/values.yaml',
    [
      '00-namespace.yaml',
      '01-network-policies.yaml',
      '02-sealed-secrets.yaml',
      '03-configmap.yaml',
      '04-storage.yaml',
      '05-db.yaml',
      '06-redis.yaml',
      '08-app.yaml',
      '09-nginx.yaml',
      '10-ingress.yaml',
      '11-metrics-exporters.yaml',
      '12-hpa.yaml',
    ],
  ],
  [
    'mongo-rabbitmq',
    'test/golden/cases/mongo-rabbitmq.yaml',
    [
      '00-namespace.yaml',
      '01-network-policies.yaml',
      '02-sealed-secrets.yaml',
      '03-configmap.yaml',
      '04-storage.yaml',
      '05-db.yaml',
      '07-rabbitmq.yaml',
      '08-app.yaml',
      '10-ingress.yaml',
      '11-metrics-exporters.yaml',
      '12-hpa.yaml',
    ],
  ],
  [
    'everything-off',
    'test/golden/cases/everything-off.yaml',
    ['00-namespace.yaml', '01-network-policies.yaml', '03-configmap.yaml', '08-app.yaml', '11-metrics-exporters.yaml', '12-hpa.yaml'],
  ],
  [
    'spa-sidecar',
    'test/golden/cases/spa-sidecar.yaml',
    [
      '00-namespace.yaml',
      '01-network-policies.yaml',
      '02-sealed-secrets.yaml',
      '03-configmap.yaml',
      '04-storage.yaml',
      '06-redis.yaml',
      '08-app.yaml',
      '09-nginx.yaml',
      '10-ingress.yaml',
      '11-metrics-exporters.yaml',
      '12-hpa.yaml',
    ],
  ],
];

describe.each(CASES)('golden output: %s', (name, answers, files) => {
  const out = tempDir();
  const result = vibe(['synth', '--values', answers, '--out', out]);

  it('synthesizes with exit 0', () => {
    expect(result.status).toBe(0);
  });

  it('writes exactly the expected files, and the README with the network picture', () => {
    expect([...readFolder(out).keys()]).toEqual([...files, 'README.md']);
    expect(readFolder(out).get('README.md')).toMatch(/```mermaid\nflowchart LR\n/);
  });

  it('matches the golden files byte for byte', () => {
    const golden = path.join(GOLDEN, name);
    expect(fs.existsSync(golden)).toBe(true);
    expect(readFolder(out)).toEqual(readFolder(golden));
  });
});
