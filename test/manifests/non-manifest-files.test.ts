import * as fs from 'node:fs';
import * as path from 'node:path';
import { VibeInputError } from '../../src/contract/errors';
import { loadManifests } from '../../src/manifests/load-manifests';
import { nonManifestByName, skippedFilesNote, type SkippedFile } from '../../src/manifests/non-manifest-files';
import { vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata: {}\n';

/** What a creator or platform repository holds beside its manifests. */
const NOT_MANIFESTS: Record<string, string> = {
  'cdk8s.yaml': 'language: typescript\napp: npx ts-node main.ts\noutput: k8s\n',
  'package.json': '{"name": "shop", "dependencies": {"vibe-env": "^1.0.0"}}\n',
  'dist/construct-metadata.json': '{"version": "1.0.0", "resources": {}}\n',
  'overlays/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../k8s\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
  'chart/values.yaml': 'image:\n  tag: latest\n',
  'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n',
  'values-prod.yaml': 'replicas: 3\n',
  'ci/workflows/ci.yml': 'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n    - run: kind create cluster\n',
  'settings.json': '{"editor.tabSize": 2}\n',
};

function folder(files: Record<string, string>): string {
  const dir = tempDir('vibe-repo-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function inputError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof VibeInputError) return error.message;
    throw error;
  }
  throw new Error('expected a VibeInputError');
}

describe('files that are clearly not manifests', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const repo = (files: Record<string, string>) => {
    const dir = folder(files);
    dirs.push(dir);
    return dir;
  };

  it('are skipped in a folder and listed (by name and chart folder while walking, then by content), the manifests read', () => {
    const dir = repo({ ...NOT_MANIFESTS, 'k8s/01-config.yaml': CONFIG_MAP });
    const skipped: SkippedFile[] = [];
    expect(loadManifests([dir], { skipped }).map((m) => `${m.kind}/${m.name}`)).toEqual(['ConfigMap/settings']);
    expect(skipped.map((s) => [path.relative(dir, s.file), s.what])).toEqual([
      ['cdk8s.yaml', 'cdk8s config'],
      ['chart', 'Helm chart source (review `helm template` output)'],
      ['dist/construct-metadata.json', 'cdk8s construct metadata'],
      ['overlays/kustomization.yaml', 'Kustomize config (review `kustomize build` output)'],
      ['package.json', 'npm package'],
      ['values-prod.yaml', 'Helm values'],
      ['ci/workflows/ci.yml', 'CI workflow'],
      ['settings.json', 'JSON file without apiVersion or kind'],
    ]);
  });

  it('are listed in one note line', () => {
    expect(skippedFilesNote([])).toBeUndefined();
    expect(skippedFilesNote([{ file: 'cdk8s.yaml', what: 'cdk8s config' }])).toBe('note: skipped 1 file that is not Kubernetes manifests: cdk8s.yaml (cdk8s config)');
    expect(skippedFilesNote([{ file: 'a', what: 'x' }, { file: 'b', what: 'y' }])).toBe('note: skipped 2 files that are not Kubernetes manifests: a (x), b (y)');
  });

  it.each([
    ['a YAML syntax error', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n', /broken\.yaml:\d+/],
    ['a document without kind', 'apiVersion: v1\nmetadata:\n  name: x\n', /broken\.yaml:1: .*kind/],
    ['a document with metadata and spec but no apiVersion or kind', 'metadata:\n  name: x\nspec: {}\n', /broken\.yaml:1: .*apiVersion/],
    ['a Go template outside a chart folder', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n', /broken\.yaml:\d+/],
  ])('never hide a manifest that is broken: %s still stops the review with its line', (_what, text, error) => {
    const dir = repo({ 'cdk8s.yaml': NOT_MANIFESTS['cdk8s.yaml'], 'k8s/broken.yaml': text, 'k8s/ok.yaml': CONFIG_MAP });
    expect(inputError(() => loadManifests([dir]))).toMatch(error);
  });

  it('are read as manifests when named on the command line (the user meant them)', () => {
    const dir = repo({ 'package.json': NOT_MANIFESTS['package.json'] });
    expect(inputError(() => loadManifests([path.join(dir, 'package.json')]))).toMatch(/package\.json:1: is not a Kubernetes object/);
  });

  it('leave a clear error when a folder holds nothing else', () => {
    const dir = repo({ 'cdk8s.yaml': NOT_MANIFESTS['cdk8s.yaml'], 'package.json': NOT_MANIFESTS['package.json'] });
    expect(inputError(() => loadManifests([dir]))).toMatch(/holds only files that are not manifests \(.*cdk8s\.yaml: cdk8s config, .*package\.json: npm package\)\. Pass the folder or files of your manifests/);
  });

  it('are recognised by name only for names that are never a manifest', () => {
    for (const name of ['tsconfig.json', 'tsconfig.build.json', 'values.yaml', 'values.prod.yaml', 'Chart.yaml', 'docker-compose.yml']) expect(nonManifestByName(name)).toBeDefined();
    for (const name of ['01-app.yaml', 'deployment.yaml', 'values-service.txt', 'my-values.yaml', 'kustomization-notes.yaml']) expect(nonManifestByName(name)).toBeUndefined();
  });

  it('make `vibe review` exit by its findings (not 2) in a repository folder, with the note on stderr', () => {
    const dir = repo({ ...NOT_MANIFESTS, 'k8s/01-config.yaml': CONFIG_MAP });
    const run = vibe(['review', dir]);
    expect(run.status).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^note: skipped 8 files that are not Kubernetes manifests: .*cdk8s\.yaml \(cdk8s config\)/)]);
  });
});
