import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Cdk8sValidation from 'cdk8s-cli/lib/plugins/validation';
import { stringify } from 'yaml';
import { APP_NAME, EXAMPLE_CERT, GOLDEN_DIR, ManifestSet, ROOT } from './golden-set';
import { VibeReviewValidation } from '../../src/cdk8s-plugin';
import { tempDir } from '../helpers/render';

/**
 * The review gate as a cdk8s-cli validation plugin (src/cdk8s-plugin): in-process against
 * cdk8s-cli's own ValidationContext, and end to end through `cdk8s synth` with a cdk8s.yaml whose
 * `validations:` entry points at the compiled plugin (lib/, built before the tests run).
 */

const PLUGIN = path.join(ROOT, 'lib', 'cdk8s-plugin', 'index.js');
// cdk8s-cli exports only `./plugins`, a subpath TypeScript's node10 resolution cannot see: the types
// come by path, the class from its file.
const load = createRequire(__filename);
const { ValidationContext } = load(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'lib', 'plugins', 'validation.js')) as typeof Cdk8sValidation;
type CliValidation = Cdk8sValidation.Validation;
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

// The plugin implements cdk8s-cli's interface, checked by the compiler.
const asCliPlugin: (plugin: VibeReviewValidation) => CliValidation = (plugin) => plugin;

/** Runs the plugin as cdk8s does, over manifest files; returns cdk8s' JSON report. */
async function validate(manifests: readonly string[], properties: unknown = {}) {
  const context = new ValidationContext(manifests, 'vibe-env', '0.0.0');
  await asCliPlugin(new VibeReviewValidation(properties)).validate(context);
  return { json: context.report.toJson(), success: context.report.success };
}

const goldenFiles = () => fs.readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(GOLDEN_DIR, n));

describe('the vibe-env cdk8s validation plugin, in process', () => {
  it('passes the sealed example', async () => {
    const { json, success } = await validate(goldenFiles(), { cert: EXAMPLE_CERT, appName: APP_NAME });
    expect(success).toBe(true);
    expect(json.violations).toEqual([]);
    expect(json.summary.metadata).toEqual({ app: APP_NAME, checks: '63', critical: '0', warnings: '0' });
  });

  it('reports every finding with rule id, severity, message, resource, file and line; fails on CRITICAL', async () => {
    const set = ManifestSet.golden();
    set.container('app').image = 'harbor.internal.example.com/inventory-checker-app:latest';
    delete set.container('nginx').resources.limits.memory;
    const dir = set.write(path.join(tempDir('vibe-plugin-'), 'dist'));
    const { json, success } = await validate(fs.readdirSync(dir).map((n) => path.join(dir, n)), { cert: EXAMPLE_CERT });
    expect(success).toBe(false);
    expect(json.summary.status).toBe('failure');
    expect(json.summary.metadata).toMatchObject({ critical: '1', warnings: '2' });
    const a1 = json.violations.find((v) => v.ruleName.startsWith('A1 '))!;
    expect(a1).toMatchObject({
      ruleName: 'A1 No :latest or untagged image (CRITICAL)',
      recommendation: expect.stringMatching(/image tag is ':latest'/),
      fix: expect.stringMatching(/fixed tag/),
      violatingConstructs: [{ resourceName: 'inventory-checker-app', manifestPath: path.join(dir, '08-app.yaml'), locations: [expect.stringMatching(/^line \d+ \(Deployment\/inventory-checker-app/)] }],
    });
    expect(json.violations.map((v) => v.ruleName).sort()).toEqual([
      'A1 No :latest or untagged image (CRITICAL)',
      'F2 Limits on every container (WARNING)',
      'F3 Resources are a t-shirt size (WARNING)',
    ]);
  });

  it('passes with warnings only, listing them', async () => {
    const set = ManifestSet.golden();
    set.get('Ingress').spec.ingressClassName = 'nginx';
    const dir = set.write(path.join(tempDir('vibe-plugin-'), 'dist'));
    const { json, success } = await validate(fs.readdirSync(dir).map((n) => path.join(dir, n)), { cert: EXAMPLE_CERT });
    expect(success).toBe(true);
    expect(json.violations.map((v) => v.ruleName)).toEqual(['H3 Ingress uses the cluster\'s ingress class (WARNING)']);
  });

  it('fails, without crashing cdk8s, on unknown properties and on unreadable manifests', async () => {
    const typo = await validate(goldenFiles(), { certs: EXAMPLE_CERT, appName: 42 });
    expect(typo.success).toBe(false);
    expect(typo.json.violations[0].recommendation).toMatch(/validations\[\]\.properties\.certs: unknown property\. Did you mean "cert"\?/);
    expect(typo.json.violations[0].recommendation).toMatch(/validations\[\]\.properties\.appName: got 42, expected a name\. Example: appName: Inventory Checker/);

    const broken = path.join(tempDir('vibe-plugin-'), 'broken.yaml');
    fs.writeFileSync(broken, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: {}\n');
    const bad = await validate([broken]);
    expect(bad.success).toBe(false);
    expect(bad.json.violations[0]).toMatchObject({ ruleName: 'vibe-env review could not run', recommendation: expect.stringContaining(broken) });
  });

  it('passes when nothing was synthesized', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect((await validate([])).success).toBe(true);
    expect(log).toHaveBeenCalledWith('vibe-env: no manifests were synthesized, nothing to review.');
  });
});

describe('cdk8s synth with the plugin in cdk8s.yaml', () => {
  /** A cdk8s project whose app copies a manifest folder into $CDK8S_OUTDIR. */
  function project(manifests: string): string {
    const dir = tempDir('vibe-cdk8s-');
    const app = `const fs = require('fs'), p = require('path'); const from = ${JSON.stringify(manifests)}, out = process.env.CDK8S_OUTDIR; fs.mkdirSync(out, { recursive: true }); for (const f of fs.readdirSync(from)) if (f.endsWith('.yaml')) fs.copyFileSync(p.join(from, f), p.join(out, f));`;
    fs.writeFileSync(path.join(dir, 'app.js'), app);
    fs.writeFileSync(
      path.join(dir, 'cdk8s.yaml'),
      stringify({
        language: 'typescript',
        app: 'node app.js',
        output: 'dist',
        validations: [{ package: PLUGIN, version: '0.0.0', class: 'VibeReviewValidation', properties: { cert: EXAMPLE_CERT, appName: APP_NAME } }],
      }),
    );
    return dir;
  }

  function synth(dir: string) {
    const reportFile = path.join(dir, 'validation-report.json');
    const result = spawnSync(CDK8S, ['synth', '--no-check-upgrade', '--validation-reports-output-file', reportFile], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const reports = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')).reports : [];
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, reports };
  }

  it('passes a clean set (exit 0)', () => {
    const result = synth(project(GOLDEN_DIR));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('Validations ended succesfully');
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0].summary).toMatchObject({ status: 'success', plugin: PLUGIN });
  });

  it('fails a set with a :latest image (exit 2), with the finding in the output', () => {
    const set = ManifestSet.golden();
    set.container('app').image = 'harbor.internal.example.com/inventory-checker-app:latest';
    const result = synth(project(set.write(path.join(tempDir('vibe-latest-'), 'k8s'))));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Validation failed');
    expect(result.stdout).toContain('A1 No :latest or untagged image (CRITICAL)');
    expect(result.stdout).toMatch(/Manifest Path: dist\/08-app\.yaml/);
    expect(result.stdout).toMatch(/Resource Name: inventory-checker-app/);
    expect(result.stdout).toMatch(/Recommendation: .*image tag is ':latest'/);
    expect(result.reports[0].summary.status).toBe('failure');
    expect(result.reports[0].violations.map((v: { ruleName: string }) => v.ruleName)).toEqual(['A1 No :latest or untagged image (CRITICAL)']);
  });
});
