import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULTS_LINE, STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

const SEALED_EXAMPLE = 'test/golden/inventory-checker';
const EXAMPLE_CERT = 'examples/inventory-checker/sealed-secrets-cert.pem';
const VIBE_CODED = 'test/review/fixtures/vibe-coded-app.yaml';

describe('vibe review', () => {
  it('passes our sealed example with exit 0 and the success line', () => {
    const result = vibe(['review', SEALED_EXAMPLE, '--cert', EXAMPLE_CERT]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${DEFAULTS_LINE}\n✅ App "Inventory Checker" passed all platform contract checks. Ready to deploy.\n`);
    expect(result.status).toBe(0);
  });

  it("fails a vibe-coded app with exit 1 in the article's report shape", () => {
    const result = vibe(['review', VIBE_CODED, '--app-name', 'Inventory Checker']);
    expect(result.status).toBe(1);
    const [settings, ...lines] = result.stdout.trimEnd().split('\n');
    expect(settings).toBe(DEFAULTS_LINE);
    expect(lines[0]).toMatch(/^⚠️ {2}Found \d+ issues in "Inventory Checker"\. Fix these before deploying:$/);
    expect(lines).toContain('CRITICAL (must fix):');
    expect(lines[lines.length - 1]).toBe('Run vibe review again after fixing.');
    for (const id of ['A1', 'A3', 'C1', 'E1', 'G1']) expect(result.stdout).toMatch(new RegExp(`^ {2}\\[${id}\\] .+`, 'm'));
    expect(result.stdout).not.toContain('hunter2');
  });

  it('reads manifests from stdin', () => {
    const result = vibe(['review', '-', '--format', 'json'], { input: fs.readFileSync(VIBE_CODED, 'utf8') });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.passed).toBe(false);
    expect(report.findings.find((f: any) => f.id === 'E1')).toMatchObject({ severity: 'CRITICAL', file: '<stdin>', kind: 'Secret', name: 'inventory-secrets' });
  });

  it('writes the JSON report shape', () => {
    const report = JSON.parse(vibe(['review', VIBE_CODED, '--format', 'json']).stdout);
    expect(Object.keys(report)).toEqual(['app', 'passed', 'findings', 'clusterConfig']);
    expect(report.clusterConfig).toEqual({ origin: 'defaults', file: null });
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(['id', 'severity', 'message', 'file', 'line', 'kind', 'name', 'namespace']);
      expect(['CRITICAL', 'WARNING']).toContain(finding.severity);
    }
  });

  it('writes SARIF 2.1.0 with one rule per check', () => {
    const sarif = JSON.parse(vibe(['review', VIBE_CODED, '--format', 'sarif']).stdout);
    const checks = vibe(['checks']).stdout.trim().split('\n');
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('vibe-env');
    expect(run.tool.driver.rules).toHaveLength(checks.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning']).toContain(result.level);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(VIBE_CODED);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it.each([
    ['a missing path', ['review', 'nope/'], /nope/],
    ['no path', ['review'], /missing required argument/],
    ['an unknown format', ['review', VIBE_CODED, '--format', 'html'], /argument 'html' is invalid/],
  ])('fails on %s with exit 2 and no stack', (_title, args, message) => {
    const result = vibe(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('fails on broken YAML with the file and line, exit 2', () => {
    const file = path.join(tempDir(), 'broken.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: {}\n');
    const result = vibe(['review', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

describe('vibe checks', () => {
  it('lists at least 55 checks', () => {
    expect(vibe(['checks']).stdout.trim().split('\n').length).toBeGreaterThanOrEqual(55);
  });

  it('generates exactly docs/checks.md (run `npm run docs` after changing a check)', () => {
    expect(vibe(['checks', '--format', 'markdown']).stdout).toBe(fs.readFileSync('docs/checks.md', 'utf8'));
  });
});
