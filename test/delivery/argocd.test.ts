import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseAppsFile } from '../../src/delivery/apps-file';
import { argoApplication, argoApplicationSet } from '../../src/delivery/argocd';
import { STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Application } = require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ApplicationSet } = require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet');

const SHOP = { slug: 'shop', namespace: 'platform-vibe-shop', repoURL: 'https://git.internal.example.com/vibe/shop' };

function writeApps(text: string): string {
  const file = path.join(tempDir(), 'apps.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const APPS = `cluster:
  prefix: acme
argocd:
  project: vibe
apps:
  - slug: inventory-checker
    repoURL: https://git.internal.example.com/vibe/inventory-checker
  - slug: shop
    repoURL: git@git.internal.example.com:vibe/shop.git
    targetRevision: release
`;

describe('ArgoCD Application', () => {
  it('validates against the Argo CD schema and syncs k8s/ into the app namespace with prune and selfHeal', () => {
    const application = argoApplication(SHOP);
    expect(() => new Application(application).validate()).not.toThrow();
    expect(application.spec.source).toEqual({ repoURL: SHOP.repoURL, targetRevision: 'main', path: 'k8s' });
    expect(application.spec.destination.namespace).toBe('platform-vibe-shop');
    expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    // 00-namespace.yaml creates the namespace with its Pod Security labels.
    expect(application.spec.syncPolicy.syncOptions).toContain('CreateNamespace=false');
    // Deleting the Application must not delete the namespace and its data.
    expect(application.metadata.finalizers).toBeUndefined();
  });

  it('fails validation when a required field is missing (the schema check bites)', () => {
    const application = argoApplication(SHOP);
    delete application.spec.destination;
    expect(() => new Application(application).validate()).toThrow(/destination/);
  });
});

describe('ArgoCD ApplicationSet', () => {
  it('validates against the Argo CD schema: a list generator with one element per app', () => {
    const list = parseAppsFile(APPS, 'apps.yaml');
    const set = argoApplicationSet(list.name, list.apps, list.settings);
    expect(() => new ApplicationSet(set).validate()).not.toThrow();
    expect(set.spec.generators[0].list.elements).toEqual([
      { slug: 'inventory-checker', namespace: 'acme-vibe-inventory-checker', repoURL: 'https://git.internal.example.com/vibe/inventory-checker', targetRevision: 'main' },
      { slug: 'shop', namespace: 'acme-vibe-shop', repoURL: 'git@git.internal.example.com:vibe/shop.git', targetRevision: 'release' },
    ]);
    expect(set.spec.template.spec.project).toBe('vibe');
    expect(set.spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(set.spec.goTemplateOptions).toEqual(['missingkey=error']);
    expect(set.spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  it('has the same spec per app as the Application vibe init writes', () => {
    const set = argoApplicationSet('vibe-apps', [SHOP]);
    const single = argoApplication({ slug: '{{.slug}}', namespace: '{{.namespace}}', repoURL: '{{.repoURL}}', targetRevision: '{{.targetRevision}}' });
    expect(set.spec.template.spec).toEqual(single.spec);
  });
});

describe('vibe platform argocd', () => {
  it('writes the ApplicationSet to --out and validates', () => {
    const out = path.join(tempDir(), 'argocd', 'vibe-apps.yaml');
    const result = vibe(['platform', 'argocd', '--apps', writeApps(APPS), '--out', out]);
    expect(result.stderr).toMatch(/Wrote the ApplicationSet "vibe-apps" for 2 app\(s\)/);
    expect(result.status).toBe(0);
    const set = parse(fs.readFileSync(out, 'utf8'));
    expect(set.kind).toBe('ApplicationSet');
    expect(() => new ApplicationSet(set).validate()).not.toThrow();
  });

  it('prints to standard output without --out', () => {
    const result = vibe(['platform', 'argocd', '--apps', writeApps(APPS)]);
    expect(result.status).toBe(0);
    expect(parse(result.stdout).metadata).toMatchObject({ name: 'vibe-apps', namespace: 'argocd' });
  });

  it.each([
    ['a bad slug', 'apps:\n  - slug: Shop\n    repoURL: https://git.example.com/shop\n', /apps\.yaml:2: apps\[0\]\.slug: got "Shop" — must be lowercase/],
    ['a bad repoURL', 'apps:\n  - slug: shop\n    repoURL: shop\n', /apps\.yaml:3: apps\[0\]\.repoURL: got "shop" — must be a git URL/],
    ['a slug listed twice', 'apps:\n  - slug: shop\n    repoURL: https://g.example.com/a\n  - slug: shop\n    repoURL: https://g.example.com/b\n', /apps\.yaml:4: apps\[1\]\.slug: got "shop" again \(already apps\[0\]\)/],
    ['an unknown field', 'apps:\n  - slug: shop\n    repoUrl: https://g.example.com/a\n', /apps\[0\]\.repoUrl: unknown field\. Did you mean "repoURL"\?/],
    ['no apps', 'argocd: {}\n', /apps: is required but missing/],
  ])('fails on %s with a plain line per problem and exit 2, writing nothing', (_what, text, message) => {
    const out = path.join(tempDir(), 'set.yaml');
    const result = vibe(['platform', 'argocd', '--apps', writeApps(text), '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('fails with exit 2 when --apps is missing or the file does not exist', () => {
    expect(vibe(['platform', 'argocd']).status).toBe(2);
    const missing = vibe(['platform', 'argocd', '--apps', '/nonexistent/apps.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('--apps: "/nonexistent/apps.yaml" does not exist. Example: --apps apps.yaml');
  });
});
