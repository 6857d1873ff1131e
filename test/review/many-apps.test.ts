import * as fs from 'node:fs';
import * as path from 'node:path';
import { appAnswers } from '../../bench/children/apps';
import { VibeApp } from '../../src';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { loadManifests } from '../../src/manifests/load-manifests';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { groupByApp } from '../../src/review/app-groups';
import { review, reviewApps } from '../../src/review/engine';
import type { Finding } from '../../src/review/finding';
import { vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

const cluster = clusterConfigSchema.parse({});
const key = (f: Finding) => `${f.id} ${f.file}:${f.line} ${f.message}`;

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const configMap = (name: string, ns?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data: {}\n`;

describe('groupByApp', () => {
  const groups = (files: Record<string, string>) =>
    groupByApp(Object.entries(files).flatMap(([file, text]) => parseManifests(text, file))).map((g) => [g.namespace, g.manifests.map((m) => `${m.file}:${m.name}`)]);

  it('keeps a set without Namespace objects, or with one, as one app (an object in another namespace beside it stays, for N4)', () => {
    expect(groups({ 'k8s/a.yaml': `${configMap('a', 'x')}---\n${configMap('b', 'z')}` })).toEqual([[undefined, ['k8s/a.yaml:a', 'k8s/a.yaml:b']]]);
    expect(groups({ 'k8s/a.yaml': `${namespace('shop')}---\n${configMap('a', 'default')}---\n${configMap('b')}` })).toEqual([['shop', ['k8s/a.yaml:shop', 'k8s/a.yaml:a', 'k8s/a.yaml:b']]]);
  });

  it('splits app folders by namespace; an object without one goes with the Namespace of its folder or the folder above', () => {
    expect(
      groups({
        'apps/a/00-namespace.yaml': namespace('a'),
        'apps/a/extra/cm.yaml': configMap('a-cm'),
        'apps/b/00-namespace.yaml': namespace('b'),
        'apps/b/01.yaml': configMap('b-cm', 'b'),
        'apps/c-in-a.yaml': configMap('in-a', 'a'),
      }),
    ).toEqual([
      ['a', ['apps/a/00-namespace.yaml:a', 'apps/a/extra/cm.yaml:a-cm', 'apps/c-in-a.yaml:in-a']],
      ['b', ['apps/b/00-namespace.yaml:b', 'apps/b/01.yaml:b-cm']],
    ]);
  });

  it('gives an object of another namespace in a folder of its own (the ArgoCD Application) a group of that namespace', () => {
    expect(groups({ 'argocd/application.yaml': configMap('shop', 'argocd'), 'k8s/00-namespace.yaml': namespace('shop'), 'k8s/01.yaml': configMap('cm') })).toEqual([
      ['argocd', ['argocd/application.yaml:shop']],
      ['shop', ['k8s/00-namespace.yaml:shop', 'k8s/01.yaml:cm']],
    ]);
  });
});

describe('a GitOps folder of synthesized apps (the bench generator)', () => {
  const N = 50;
  let root: string;
  beforeAll(() => {
    root = tempDir('vibe-many-apps-');
    for (let i = 0; i < N; i++) {
      const answers = appAnswers(i);
      new VibeApp({ ...answers, outdir: path.join(root, answers.slug) }).synth();
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('judges each app in its own namespace: the findings of each app are those of its folder reviewed alone', () => {
    const report = reviewApps({ manifests: loadManifests([root]), cluster });
    expect(report.apps).toHaveLength(N);
    expect(report.apps.flatMap((app) => app.findings).filter((f) => f.id === 'N4')).toEqual([]);
    for (const folder of fs.readdirSync(root)) {
      const alone = review({ manifests: loadManifests([path.join(root, folder)]), cluster });
      const grouped = report.apps.find((app) => app.namespace === `platform-vibe-${folder}`);
      expect({ folder, findings: grouped?.findings.map(key).sort() }).toEqual({ folder, findings: alone.findings.map(key).sort() });
    }
    expect(report.passed).toBe(report.apps.every((app) => app.passed));
  });

  it('prints one report per app and one exit code from the CLI (1: unsealed credentials are E4; never 2)', () => {
    const run = vibe(['review', root, '--format', 'json']);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout);
    expect(json.apps).toHaveLength(N);
    expect(new Set(json.apps.flatMap((app: { findings: Finding[] }) => app.findings.map((f) => f.id)))).toEqual(new Set(['E4', 'H2']));
    expect(run.status).toBe(json.passed ? 0 : 1);
    const sarif = JSON.parse(vibe(['review', root, '--format', 'sarif']).stdout);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].results).toHaveLength(json.apps.reduce((n: number, app: { findings: Finding[] }) => n + app.findings.length, 0));
    const text = vibe(['review', root]).stdout;
    expect(text).toMatch(new RegExp(`Reviewed ${N} apps: \\d+ ready to deploy, \\d+ with CRITICAL findings\\.\\n$`));
  });
});

describe('a creator repository (vibe init, then synth into k8s/)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('vibe-creator-repo-');
    expect(vibe(['init', dir, '--slug', 'shop', '--components', 'postgres,redis', '--repo-url', 'https://git.example.com/vibe/shop']).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'vibe.yaml'), 'slug: shop\nimage:\n  repository: shop-app\n  tag: "0000000"\ncomponents:\n  postgres: true\n  redis: true\n');
    expect(vibe(['synth', '-f', 'vibe.yaml', '-o', 'k8s'], { cwd: dir }).status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reviews `.`: skips the project files in one note, judges the app and the ArgoCD Application apart, exit 1 for E4 only', () => {
    const run = vibe(['review', '.', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe(
      'note: skipped 5 files that are not Kubernetes manifests: cdk8s.yaml (cdk8s config), package.json (npm package), tsconfig.json (TypeScript config), ' +
        'image-tag.json (JSON file without apiVersion or kind), vibe.yaml (YAML file without apiVersion or kind)\n',
    );
    const json = JSON.parse(run.stdout);
    expect(json.apps.map((app: { app: string; namespace: string }) => [app.app, app.namespace])).toEqual([
      ['argocd', 'argocd'],
      ['Shop', 'platform-vibe-shop'],
    ]);
    expect(json.apps[0].findings).toEqual([]);
    expect(json.apps[1].findings.map((f: Finding) => [f.id, f.file])).toEqual([['E4', 'k8s/02-sealed-secrets.yaml']]);
    expect(run.status).toBe(1);
  });
});
