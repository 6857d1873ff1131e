import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE } from '../../src/review/catalogue';
import { checkAnchor } from '../../src/review/check-docs';
import type { Finding } from '../../src/review/finding';
import { catalogueMarkdown } from '../../src/review/report/catalogue-markdown';
import { FINGERPRINT_KEY, formatSarif, SECURITY_SEVERITY, STDIN_URI, type SarifOptions } from '../../src/review/report/sarif';
import { ROOT, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';
import { sarifErrors } from '../helpers/sarif-schema';

/**
 * What GitHub code scanning needs to show findings as security alerts and to track them
 * across runs: security-severity and the security tag on each rule, help with the fix and a
 * link, repository-relative URIs, and fingerprints that depend on neither paths nor order.
 */
const VIBE_CODED = 'test/review/fixtures/vibe-coded-app.yaml';
const DOCS_BASE = 'https://git.internal.example.com/platform/vibe-env/blob/v1.2.3';

const sarifOf = (findings: Finding[], options: SarifOptions = {}) =>
  JSON.parse(formatSarif({ app: 'x', passed: false, findings, summary: [] }, CATALOGUE, '0.0.0', options));
const fingerprintsOf = (sarif: any): string[] => sarif.runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);

const A1: Finding = { id: 'A1', severity: 'CRITICAL', message: 'Container "app" uses redis:latest.', file: 'k8s/08-app.yaml', line: 12, kind: 'Deployment', name: 'app', namespace: 'shop' };
const F1: Finding = { id: 'F1', severity: 'WARNING', message: 'Dockerfile line 3: no USER.', file: 'Dockerfile', line: 3 };

describe('SARIF rules for code scanning', () => {
  const rules = sarifOf([], { docsBase: DOCS_BASE }).runs[0].tool.driver.rules;

  it('gives every rule a security-severity from its severity (CRITICAL 9.0, WARNING 5.0) and the security tag', () => {
    expect(SECURITY_SEVERITY).toEqual({ CRITICAL: '9.0', WARNING: '5.0' });
    CATALOGUE.forEach((check, index) => {
      const properties = rules[index].properties;
      expect(properties['security-severity']).toBe(check.severity === 'CRITICAL' ? '9.0' : '5.0');
      expect(properties.tags[0]).toBe('security');
      expect(properties.tags).toContain('kubernetes');
      expect(rules[index].defaultConfiguration.level).toBe(check.severity === 'CRITICAL' ? 'error' : 'warning');
    });
  });

  it('names rules by the check slugs and gives each help text and markdown with the fix and a link to its docs', () => {
    CATALOGUE.forEach((check, index) => {
      const rule = rules[index];
      const url = `${DOCS_BASE}/docs/checks.md#${checkAnchor(check)}`;
      expect(rule.name).toBe(check.slug);
      expect(rule.help.text).toContain(check.fix);
      expect(rule.help.text).toContain(url);
      expect(rule.help.markdown).toContain(check.fix);
      expect(rule.help.markdown).toContain(`](${url})`);
      expect(rule.helpUri).toBe(url);
    });
  });

  it('links to anchors that docs/checks.md defines', () => {
    const markdown = catalogueMarkdown(CATALOGUE);
    for (const check of CATALOGUE) expect(markdown).toContain(`<a id="${checkAnchor(check)}"></a>${check.id} |`);
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'checks.md'), 'utf8')).toBe(markdown);
  });

  it('without a published repository, help names the docs and the command instead of a guessed link', () => {
    const [rule] = sarifOf([]).runs[0].tool.driver.rules;
    expect(rule.helpUri).toBeUndefined();
    expect(rule.help.text).toContain(`docs/checks.md (#${checkAnchor(CATALOGUE[0])})`);
    expect(rule.help.markdown).toContain('npx vibe checks');
  });

  it('validates against the SARIF 2.1.0 schema with links, artifacts and fingerprints', () => {
    const sarif = sarifOf([A1, F1, { ...A1, file: '<stdin>' }, { ...F1, file: path.join(tempDir(), 'outside.yaml') }], { docsBase: DOCS_BASE, informationUri: 'https://docs.internal.example.com/vibe-env' });
    expect(sarifErrors(sarif)).toEqual([]);
  });
});

describe('SARIF results for code scanning', () => {
  it('writes URIs relative to the repository root, from any working folder', () => {
    const repo = tempDir('vibe-sarif-repo-');
    const options = { root: repo, cwd: path.join(repo, 'k8s') };
    const sarif = sarifOf([{ ...A1, file: '08-app.yaml' }, { ...F1, file: path.join(repo, 'Dockerfile') }, { ...F1, file: '../Dockerfile' }], options);
    expect(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['k8s/08-app.yaml', 'Dockerfile', 'Dockerfile']);
    expect(sarif.runs[0].artifacts.map((a: any) => a.location.uri)).toEqual(['k8s/08-app.yaml', 'Dockerfile']);
    expect(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.index)).toEqual([0, 1, 1]);
  });

  it('never writes ../: a file outside the root gets an absolute file: URI', () => {
    const repo = tempDir('vibe-sarif-repo-');
    const sarif = sarifOf([{ ...A1, file: '../elsewhere/app.yaml' }], { root: repo, cwd: repo });
    const uri = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe(`file://${path.resolve(repo, '..', 'elsewhere', 'app.yaml')}`);
    expect(uri).not.toMatch(/(^|\/)\.\.\//);
  });

  it('names stdin as an artifact of its own, described', () => {
    const sarif = sarifOf([{ ...A1, file: '<stdin>' }]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: STDIN_URI, index: 0 });
    expect(sarif.runs[0].artifacts[0]).toMatchObject({ location: { uri: STDIN_URI }, roles: ['analysisTarget'], description: { text: expect.stringMatching(/standard input.*--stdin-name/) } });
  });

  it('gives the same fingerprints for the same repository checked out in two places', () => {
    const [one, two] = [tempDir('vibe-sarif-a-'), tempDir('vibe-sarif-b-')];
    const at = (repo: string) => [
      { ...A1, file: path.join(repo, 'k8s', '08-app.yaml') },
      { ...F1, file: path.join(repo, 'Dockerfile'), message: `${path.join(repo, 'Dockerfile')} line 3: no USER.` },
    ];
    expect(fingerprintsOf(sarifOf(at(one), { root: one }))).toEqual(fingerprintsOf(sarifOf(at(two), { root: two })));
  });

  it('gives each finding the same fingerprint whatever the order of the report and the line it moved to', () => {
    const B1: Finding = { ...A1, id: 'B1', severity: 'WARNING', message: 'No readiness probe.' };
    const [a1, b1, f1] = fingerprintsOf(sarifOf([A1, B1, F1]));
    expect(fingerprintsOf(sarifOf([F1, A1, B1]))).toEqual([f1, a1, b1]);
    expect(fingerprintsOf(sarifOf([{ ...A1, line: 40 }, { ...F1, line: 9, message: 'Dockerfile line 9: no USER.' }]))).toEqual([a1, f1]);
    expect(new Set([a1, b1, f1]).size).toBe(3);
  });

  it('gives distinct fingerprints for another object, file or check, and numbers identical findings', () => {
    const [base, otherObject, otherFile, otherCheck, same] = fingerprintsOf(
      sarifOf([A1, { ...A1, name: 'worker' }, { ...A1, file: 'k8s/09-worker.yaml' }, { ...A1, id: 'A2' }, A1]),
    );
    expect(new Set([base, otherObject, otherFile, otherCheck]).size).toBe(4);
    expect(same).not.toBe(base);
    expect(same.split(':')[0]).toBe(base.split(':')[0]);
  });
});

describe('vibe review --format sarif', () => {
  it('writes paths relative to the git root found above the working folder', () => {
    const repo = tempDir('vibe-sarif-git-');
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'deploy', 'k8s'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, VIBE_CODED), path.join(repo, 'deploy', 'k8s', 'app.yaml'));
    const result = vibe(['review', 'k8s', '--format', 'sarif'], { cwd: path.join(repo, 'deploy') });
    expect(result.status).toBe(1);
    const sarif = JSON.parse(result.stdout);
    expect(sarifErrors(sarif)).toEqual([]);
    const uris = new Set(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['deploy/k8s/app.yaml']);
  });

  it('writes paths relative to --sarif-root, and refuses a root that is not a folder', () => {
    const result = vibe(['review', VIBE_CODED, '--format', 'sarif', '--sarif-root', 'test']);
    const uris = new Set(JSON.parse(result.stdout).runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['review/fixtures/vibe-coded-app.yaml']);
    const bad = vibe(['review', VIBE_CODED, '--format', 'sarif', '--sarif-root', 'nope-not-here']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--sarif-root: "nope-not-here" is not a folder/);
  });

  it('names stdin with --stdin-name in every format, and refuses --stdin-name without -', () => {
    const input = fs.readFileSync(path.join(ROOT, VIBE_CODED), 'utf8');
    const sarif = JSON.parse(vibe(['review', '-', '--format', 'sarif', '--stdin-name', 'k8s/all.yaml'], { input }).stdout);
    expect(sarif.runs[0].artifacts.map((a: any) => a.location.uri)).toEqual(['k8s/all.yaml']);
    const json = JSON.parse(vibe(['review', '-', '--format', 'json', '--stdin-name', 'k8s/all.yaml'], { input }).stdout);
    expect(new Set(json.findings.map((f: Finding) => f.file))).toEqual(new Set(['k8s/all.yaml']));
    const unnamed = JSON.parse(vibe(['review', '-', '--format', 'sarif'], { input }).stdout);
    expect(unnamed.runs[0].artifacts.map((a: any) => a.location.uri)).toEqual([STDIN_URI]);
    const bad = vibe(['review', VIBE_CODED, '--stdin-name', 'k8s/all.yaml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--stdin-name: .*add - to the paths/);
  });
});
