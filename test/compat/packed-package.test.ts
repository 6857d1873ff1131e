import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ROOT } from '../helpers/cli';
import { copiesOf, inProject, installedVersion, npmProject, oldestPeer, packVibeEnv, peerRange } from '../helpers/packed-package';
import { tempDir } from '../helpers/render';

/**
 * vibe-env as a library user installs it (npm pack of this repository, installed into fresh
 * projects): cdk8s and constructs are peers, so an app on the oldest or the newest supported
 * version adds its own Chart to a VibeApp with one copy of each; `@kubernetes/client-node` is an
 * optional peer nobody gets unless they ask; the cdk8s validation plugin loads by package name.
 * Each project is one `npm install` (from npm's cache where it can) and the app is compiled with
 * full type checking, so this file takes minutes.
 */

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CDK8S = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const TYPES_NODE = `@types/node@${installedVersion(ROOT, '@types/node').split('.')[0]}`;

/** A platform engineer's main.ts: a VibeApp with a Chart of the app's own cdk8s added to it. */
const MAIN_TS = `import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { VibeApp } from 'vibe-env';

class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, namespace: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new ApiObject(this, 'settings', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'platform-settings', namespace },
      data: { team: 'research' },
    });
  }
}

const app = new VibeApp({ slug: 'shop', image: { repository: 'shop', tag: 'a3f91bc' }, components: { postgres: true } });
new PlatformChart(app, '99-platform', app.model.namespace);
app.synth();
`;

/**
 * The tsconfig `cdk8s init typescript-app` writes (strict, no skipLibCheck), plus esModuleInterop:
 * zod's declarations, which vibe-env's types reach, default-import (TS1259 without it).
 */
function cdk8sAppTsconfig(): object {
  const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), 'utf8'));
  return { ...template, compilerOptions: { ...template.compilerOptions, esModuleInterop: true }, include: ['main.ts'] };
}

// Each test installs a project and compiles it: minutes on a busy machine, not the default minute.
jest.setTimeout(600_000);

let work: string;
let tarball: string;

beforeAll(() => {
  work = tempDir('vibe-packed-');
  tarball = packVibeEnv(work);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A project with vibe-env and the given peers; main.ts compiled and run; k8s/ written. */
function platformApp(name: string, peers: readonly string[]) {
  const dir = npmProject(path.join(work, name), [tarball, ...peers, TYPES_NODE]);
  fs.writeFileSync(path.join(dir, 'main.ts'), MAIN_TS);
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(cdk8sAppTsconfig(), null, 2));
  const compiled = inProject(dir, process.execPath, [TSC, '-p', '.']);
  const ran = compiled.status === 0 ? inProject(dir, process.execPath, ['main.js']) : undefined;
  return { dir, compiled, ran };
}

describe.each([
  ['oldest', () => [`cdk8s@${oldestPeer('cdk8s')}`, `constructs@${oldestPeer('constructs')}`]],
  ['newest', () => [`cdk8s@${peerRange('cdk8s')}`, `constructs@${peerRange('constructs')}`]],
])('a cdk8s app on the %s supported cdk8s and constructs', (which, peers) => {
  it('adds its own Chart to a VibeApp, compiles with strict types, and synthesizes it with one copy of each', () => {
    const wanted = peers();
    const { dir, compiled, ran } = platformApp(`app-${which}`, wanted);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    expect(ran?.stderr).toBe('');
    expect(ran?.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'k8s', '99-platform.yaml'), 'utf8')).toMatch(/kind: ConfigMap[\s\S]*name: platform-settings/);
    expect(fs.existsSync(path.join(dir, 'k8s', '08-app.yaml'))).toBe(true);
    for (const name of ['cdk8s', 'constructs']) expect(copiesOf(dir, name)).toEqual([path.join(dir, 'node_modules', name)]);
    if (which === 'oldest') {
      expect(installedVersion(dir, 'cdk8s')).toBe(oldestPeer('cdk8s'));
      expect(installedVersion(dir, 'constructs')).toBe(oldestPeer('constructs'));
    }
  });
});

describe('a library user', () => {
  let dir: string;
  beforeAll(() => {
    dir = npmProject(path.join(work, 'library-user'), [tarball]);
  });

  it('does not get @kubernetes/client-node (npm ls --omit=dev)', () => {
    const tree = inProject(dir, 'npm', ['ls', '--omit=dev', '--all', '--parseable']);
    const installed = tree.stdout.split('\n').filter((line) => line.includes(`${path.sep}node_modules${path.sep}`));
    expect(installed.some((line) => line.endsWith(`${path.sep}vibe-env`))).toBe(true);
    expect(installed.filter((line) => line.includes('client-node'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'node_modules', '@kubernetes', 'client-node'))).toBe(false);
  });

  it('is told the install command, in one line and exit 2, by a command that needs a cluster', () => {
    const result = inProject(dir, path.join(dir, 'node_modules', '.bin', 'vibe'), ['review', '--live', '--namespace', 'shop']);
    expect(result.stderr.trim()).toBe(
      'This command talks to a cluster and needs @kubernetes/client-node, which is not installed (it is an optional peer of vibe-env). Install it with: npm install @kubernetes/client-node@~1.4.0',
    );
    expect(result.status).toBe(2);
  });

  it('runs the review gate as a cdk8s validation plugin by package name, failing `cdk8s synth` on a CRITICAL finding with the construct path', () => {
    // What cdk8s-cli installs by name and version (`npm install vibe-env@0.1.0 --prefix
    // <pluginsDirectory>/vibe-env/0.1.0`) is this project's install of the tarball.
    const version = installedVersion(dir, 'vibe-env');
    const plugins = path.join(dir, 'plugins');
    fs.mkdirSync(path.join(plugins, 'vibe-env', version), { recursive: true });
    fs.symlinkSync(path.join(dir, 'node_modules'), path.join(plugins, 'vibe-env', version, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'main.js'), "const { VibeApp } = require('vibe-env');\nVibeApp.synthesize({ slug: 'shop', image: { repository: 'shop', tag: 'a3f91bc' }, components: { postgres: true } });\n");
    fs.writeFileSync(
      path.join(dir, 'cdk8s.yaml'),
      stringify({
        language: 'typescript',
        app: 'node main.js',
        output: 'dist',
        pluginsDirectory: plugins,
        validations: [{ package: 'vibe-env', version, class: 'VibeReviewValidation' }],
      }),
    );
    const result = inProject(dir, process.execPath, [CDK8S, 'synth', '--no-check-upgrade']);
    expect(result.stderr).toContain('Validation failed');
    expect(result.stdout).toMatch(/E4 .*\(CRITICAL\)/);
    expect(result.stdout).not.toMatch(/Construct Path: N\/A/);
    expect(result.stdout).toMatch(/Construct Path: 02-sealed-secrets\//);
    expect(result.status).toBe(2);

    // The same folder reviewed by `vibe review` skips cdk8s's construct-metadata.json.
    expect(fs.existsSync(path.join(dir, 'dist', 'construct-metadata.json'))).toBe(true);
    const review = inProject(dir, path.join(dir, 'node_modules', '.bin', 'vibe'), ['review', 'dist']);
    expect(review.stdout + review.stderr).toMatch(/construct-metadata\.json \(cdk8s construct metadata\)/);
    expect(review.stdout).toMatch(/E4/);
  });
});
