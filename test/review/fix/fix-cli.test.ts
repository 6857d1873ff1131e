import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { STACK_LINE, vibe } from '../../helpers/cli';
import { tempDir } from '../../helpers/render';
import { vibeCodedInventoryChecker } from '../first-review-set';
import { APP_NAME, EXAMPLE_CERT } from '../golden-set';

/**
 * `vibe review --fix` through the real binary, on the article's first review: the diff of a dry
 * run (nothing written, no secret value shown), the fix in place, the review after it, a second
 * fix that changes nothing, and bad input that exits 2 with nothing written.
 */

const PLAINTEXT_LOG = ['Server listening on port 8081', 'GET /items 200 12ms', 'Low stock: 3 items below threshold', ''].join('\n');

function firstReviewFolder(): { dir: string; log: string } {
  const root = tempDir('vibe-fix-cli-');
  const dir = vibeCodedInventoryChecker().write(path.join(root, 'k8s'));
  const log = path.join(root, 'sample.log');
  fs.writeFileSync(log, PLAINTEXT_LOG);
  return { dir, log };
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

/** The `[ID]` lines of one section of a report. */
function idsIn(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => /^ {2}\[([A-Z]\d+)\]/.exec(line)?.[1] ?? line);
}

describe('vibe review --fix (CLI)', () => {
  it('prints a unified diff with --dry-run, hides secret values and writes nothing', () => {
    const { dir, log } = firstReviewFolder();
    const before = snapshot(dir);
    const result = vibe(['review', '--fix', '--dry-run', dir, '--logs', log, '--image-tag', 'a3f91bc', '--cert', EXAMPLE_CERT, '--app-name', APP_NAME]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^--- a\/.*08-app\.yaml\n\+\+\+ b\/.*08-app\.yaml\n@@ /m);
    expect(result.stdout).toMatch(/^-\s+image: harbor\.internal\.example\.com\/inventory-checker-app:latest$/m);
    expect(result.stdout).toMatch(/^\+\s+image: harbor\.internal\.example\.com\/inventory-checker-app:a3f91bc$/m);
    expect(result.stdout).toMatch(/^\+\+\+ \/dev\/null$/m);
    expect(result.stdout).toMatch(/^-\s+POSTGRES_PASSWORD: <redacted>$/m);
    expect(result.stdout).not.toMatch(/s3cret|r3dis/);
    expect(idsIn(result.stdout, 'CRITICAL (must fix):')).toEqual(['G3']);
    expect(snapshot(dir)).toEqual(before);
  });

  it('fixes in place: only G3 is left with --cert, the plain Secret is gone, and a second fix changes nothing', () => {
    const { dir, log } = firstReviewFolder();
    const args = [dir, '--logs', log, '--cert', EXAMPLE_CERT, '--app-name', APP_NAME];
    const fixed = vibe(['review', '--fix', ...args, '--image-tag', 'a3f91bc']);
    expect(fixed.stderr).toBe('');
    expect(fixed.status).toBe(1);
    expect(fixed.stdout).toMatch(/^🔧 Fixed \d+ things in "Inventory Checker":$/m);
    for (const id of ['A1', 'A3', 'C1', 'E1', 'G1']) expect(fixed.stdout).toMatch(new RegExp(`^ {2}\\[${id}\\] `, 'm'));
    expect(idsIn(fixed.stdout, 'CRITICAL (must fix):')).toEqual(['G3']);
    expect(fixed.stdout.trimEnd().split('\n').pop()).toBe('Run vibe review again after fixing.');
    expect(fixed.stdout).not.toMatch(/s3cret|r3dis/);
    expect(fs.existsSync(path.join(dir, '02-secrets.yaml'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, '02-sealed-secrets.yaml'), 'utf8')).toMatch(/kind: SealedSecret/);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);

    const review = vibe(['review', ...args]);
    expect(idsIn(review.stdout, 'CRITICAL (must fix):')).toEqual(['G3']);

    const after = snapshot(dir);
    const again = vibe(['review', '--fix', ...args]);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/^Nothing to fix mechanically in "Inventory Checker"\.$/m);
    expect(snapshot(dir)).toEqual(after);
  });

  it('keeps a .json manifest JSON, indented as it was, when it fixes an object in it', () => {
    const { dir, log } = firstReviewFolder();
    const appFile = path.join(dir, '08-app.yaml');
    const objects = parseAllDocuments(fs.readFileSync(appFile, 'utf8')).map((d) => d.toJS() as { kind: string });
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    fs.writeFileSync(appFile, objects.filter((o) => o !== deployment).map((o) => stringify(o)).join('---\n'));
    const jsonFile = path.join(dir, '08-app-deployment.json');
    fs.writeFileSync(jsonFile, `${JSON.stringify(deployment, null, 4)}\n`);
    const fixed = vibe(['review', '--fix', dir, '--logs', log, '--image-tag', 'a3f91bc', '--cert', EXAMPLE_CERT]);
    expect(fixed.stderr).not.toMatch(STACK_LINE);
    const text = fs.readFileSync(jsonFile, 'utf8');
    const after = JSON.parse(text) as { kind: string; spec: { template: { spec: { securityContext: { runAsNonRoot?: boolean } } } } };
    expect(after.kind).toBe('Deployment');
    expect(after.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(text).toMatch(/^ {4}"kind": "Deployment"/m);
    const again = vibe(['review', dir, '--logs', log, '--cert', EXAMPLE_CERT, '--format', 'json']);
    expect(again.stdout).not.toMatch(/"id": ?"A3"/);
  });

  it('reports as JSON with --format json: files, fixed, remaining and (dry run) the redacted diff', () => {
    const { dir, log } = firstReviewFolder();
    const result = vibe(['review', '--fix', '--dry-run', '--format', 'json', dir, '--logs', log, '--image-tag', 'a3f91bc', '--cert', EXAMPLE_CERT]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dryRun: true, passed: false });
    expect(report.remaining.map((f: { id: string }) => f.id)).toEqual(['G3']);
    expect(report.files).toEqual(expect.arrayContaining([{ path: path.join(dir, '02-secrets.yaml'), change: 'removed' }, { path: path.join(dir, '02-sealed-secrets.yaml'), change: 'added' }]));
    expect(report.diff).toMatch(/<redacted>/);
    expect(result.stdout).not.toMatch(/s3cret|r3dis/);
  });

  it('leaves the plain Secret and reports E1 without --cert', () => {
    const { dir, log } = firstReviewFolder();
    const result = vibe(['review', '--fix', dir, '--logs', log, '--image-tag', 'a3f91bc', '--app-name', APP_NAME]);
    expect(idsIn(result.stdout, 'CRITICAL (must fix):')).toEqual(['E1', 'G3']);
    expect(result.stdout).toMatch(/\[E1\] .*\(not fixed: give the controller certificate with --cert/);
    expect(fs.existsSync(path.join(dir, '02-secrets.yaml'))).toBe(true);
  });

  it.each([
    [['--only', 'A1,Z9'], /--only: "Z9" is not a check with a mechanical fix\. Allowed: A1, .* Example: --only A1,S1/],
    [['--only', 'G3'], /--only: "G3" is not a check with a mechanical fix/],
    [['--image-tag', 'latest'], /--image-tag: "latest" is not a commit SHA .* Example: --image-tag a3f91bc/],
    [['--size', 'huge'], /--size.*huge.*Allowed choices are xs, sm, md, lg, xl/],
    [['--cert', 'no-such.pem'], /--cert/],
  ])('fails with exit 2 and writes nothing on bad input: %j', (flags, message) => {
    const { dir } = firstReviewFolder();
    const before = snapshot(dir);
    const result = vibe(['review', '--fix', dir, ...flags]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(snapshot(dir)).toEqual(before);
  });

  it('fails with exit 2 when a fix flag comes without --fix, or --fix with stdin', () => {
    const { dir } = firstReviewFolder();
    const withoutFix = vibe(['review', dir, '--dry-run']);
    expect(withoutFix.status).toBe(2);
    expect(withoutFix.stderr).toMatch(/--dry-run needs --fix/);
    const stdin = vibe(['review', '--fix', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n' });
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toMatch(/cannot fix standard input/);
  });
});
