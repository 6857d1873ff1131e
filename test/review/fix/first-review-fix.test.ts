import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defaultClusterConfig } from '../../../src/contract/cluster-defaults';
import { applyFixes, formatFixDiff, planFixes } from '../../../src/review/fix';
import { readSealingKeyFile, sealingKeyModulusBytes } from '../../../src/seal/certificate';
import { tempDir } from '../../helpers/render';
import { vibeCodedInventoryChecker } from '../first-review-set';
import { APP_NAME, EXAMPLE_CERT } from '../golden-set';

const PLAINTEXT_LOG = ['Server listening on port 8081', 'GET /items 200 12ms', 'Low stock: 3 items below threshold'].map((text, i) => ({ source: 'sample.log', line: i + 1, text }));

function firstReviewFiles() {
  return [...vibeCodedInventoryChecker().texts()].map(([name, text]) => ({ path: path.join('k8s', name), text }));
}

function plan(options: { cert?: boolean; only?: string[] } = {}) {
  const key = readSealingKeyFile(EXAMPLE_CERT);
  return planFixes({
    files: firstReviewFiles(),
    review: { cluster: defaultClusterConfig(), logs: PLAINTEXT_LOG, appName: APP_NAME, sealingKeyBytes: sealingKeyModulusBytes(key) },
    imageTag: 'a3f91bc',
    ...(options.cert ? { sealingKey: key } : {}),
    ...(options.only ? { only: options.only } : {}),
  });
}

describe("vibe review --fix on the article's first review", () => {
  it('leaves only G3 and E1 without --cert', () => {
    const result = plan();
    expect(result.before.apps[0].findings.filter((f) => f.severity === 'CRITICAL').map((f) => f.id)).toEqual(['A1', 'A3', 'C1', 'E1', 'G1', 'G3']);
    expect(result.remaining.map((f) => f.id)).toEqual(['E1', 'G3']);
    expect(result.fixed.map((f) => f.id)).toEqual(expect.arrayContaining(['A1', 'A3', 'C1', 'G1']));
  });

  it('runs the fixed app as its uid and that uid\'s group, as synthesized pods do (never root\'s group 0)', () => {
    const app = plan().files.find((f) => f.path.endsWith('08-app.yaml'))!.after!;
    const deployment = parseAllDocuments(app).map((d) => d.toJS()).find((o) => o?.kind === 'Deployment');
    const pod = deployment.spec.template.spec.securityContext;
    expect(pod.runAsUser).toBeGreaterThan(0);
    expect(pod.runAsGroup).toBe(pod.runAsUser);
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

  it('fixes only the checks --only names; C1 brings the allows the deny would cut', () => {
    const onlyA1 = plan({ only: ['a1'] });
    expect(onlyA1.fixed.map((f) => f.id)).toEqual(['A1']);
    expect(onlyA1.remaining.filter((f) => f.severity === 'CRITICAL').map((f) => f.id)).toEqual(['A3', 'C1', 'E1', 'G1', 'G3']);
    const onlyC1 = plan({ only: ['C1'] });
    expect(onlyC1.remaining.filter((f) => f.id.startsWith('C')).map((f) => f.id)).toEqual([]);
    expect(() => plan({ only: ['G3'] })).toThrow(/--only: "G3" is not a check with a mechanical fix/);
  });

  it('applies a plan atomically and refuses a plan whose files changed since', () => {
    const dir = vibeCodedInventoryChecker().write(path.join(tempDir('vibe-apply-'), 'k8s'));
    const files = fs.readdirSync(dir).filter((name) => name.endsWith('.yaml')).map((name) => ({ path: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') }));
    const key = readSealingKeyFile(EXAMPLE_CERT);
    const planned = planFixes({ files, review: { cluster: defaultClusterConfig() }, imageTag: 'a3f91bc', sealingKey: key });
    fs.appendFileSync(path.join(dir, '08-app.yaml'), '# edited meanwhile\n');
    const before = fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
    expect(() => applyFixes(planned)).toThrow(/08-app\.yaml: changed since the fix was planned; nothing was written/);
    expect(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))).toEqual(before);
    const fresh = planFixes({ files: files.map((f) => ({ ...f, text: fs.readFileSync(f.path, 'utf8') })), review: { cluster: defaultClusterConfig() }, imageTag: 'a3f91bc', sealingKey: key });
    const { written, removed } = applyFixes(fresh);
    expect(removed).toEqual([path.join(dir, '02-secrets.yaml')]);
    expect(written).toContain(path.join(dir, '02-sealed-secrets.yaml'));
    expect(fs.readFileSync(path.join(dir, '08-app.yaml'), 'utf8')).toMatch(/# edited meanwhile\n$/);
  });

  it('redacts every Secret value in the diff', () => {
    const diff = formatFixDiff(plan({ cert: true }));
    expect(diff).toMatch(/^-\s+DATABASE_URL: <redacted>$/m);
    expect(diff).not.toMatch(/s3cret|r3dis/);
  });
});
