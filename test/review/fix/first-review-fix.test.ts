import * as path from 'node:path';
import { defaultClusterConfig } from '../../../src/contract/cluster-defaults';
import { planFixes } from '../../../src/review/fix';
import { readSealingKeyFile, sealingKeyModulusBytes } from '../../../src/seal/certificate';
import { vibeCodedInventoryChecker } from '../first-review-set';
import { APP_NAME, EXAMPLE_CERT } from '../golden-set';

const PLAINTEXT_LOG = ['Server listening on port 8081', 'GET /items 200 12ms', 'Low stock: 3 items below threshold'].map((text, i) => ({ source: 'sample.log', line: i + 1, text }));

function firstReviewFiles() {
  return [...vibeCodedInventoryChecker().texts()].map(([name, text]) => ({ path: path.join('k8s', name), text }));
}

function plan(options: { cert?: boolean } = {}) {
  const key = readSealingKeyFile(EXAMPLE_CERT);
  return planFixes({
    files: firstReviewFiles(),
    review: { cluster: defaultClusterConfig(), logs: PLAINTEXT_LOG, appName: APP_NAME, sealingKeyBytes: sealingKeyModulusBytes(key) },
    imageTag: 'a3f91bc',
    ...(options.cert ? { sealingKey: key } : {}),
  });
}

describe("vibe review --fix on the article's first review", () => {
  it('leaves only G3 and E1 without --cert', () => {
    const result = plan();
    expect(result.before.apps[0].findings.filter((f) => f.severity === 'CRITICAL').map((f) => f.id)).toEqual(['A1', 'A3', 'C1', 'E1', 'G1', 'G3']);
    expect(result.remaining.map((f) => f.id)).toEqual(['E1', 'G3']);
    expect(result.fixed.map((f) => f.id)).toEqual(expect.arrayContaining(['A1', 'A3', 'C1', 'G1']));
  });

  it('leaves only G3 with --cert', () => {
    const result = plan({ cert: true });
    expect(result.remaining.map((f) => f.id)).toEqual(['G3']);
    const sealed = result.files.find((f) => f.path.endsWith('02-sealed-secrets.yaml'))!;
    expect(sealed.before).toBeNull();
    expect(sealed.after).toMatch(/kind: SealedSecret/);
    expect(result.files.find((f) => f.path.endsWith('02-secrets.yaml'))!.after).toBeNull();
    expect(JSON.stringify(result.fixed)).not.toMatch(/s3cret|r3dis/);
  });
});
