import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * `vibe review` finds the cluster settings a repository keeps (./vibe.yaml's cluster: section,
 * else .vibe/cluster.yaml here or above, else the platform defaults; --cluster-config wins) and
 * says which it used. A set the synth gate passed with those settings then passes the review.
 */
const CLUSTER = {
  prefix: 'acme',
  registry: 'registry.corp.example.com',
  mirrorPrefix: 'registry.corp.example.com/hub',
  ingressHostPattern: '{slug}.apps.corp.example.com',
};
const ANSWERS = {
  app: { slug: 'shop', name: 'Shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, size: 'sm' },
  ingress: { enabled: true, tls: true },
};

/** A repository whose k8s/ was synthesized (and gated) with CLUSTER, from vibe.yaml. */
function synthesizedRepo(): string {
  const repo = tempDir('vibe-discovery-');
  fs.mkdirSync(path.join(repo, '.git'));
  fs.writeFileSync(path.join(repo, 'vibe.yaml'), stringify({ ...ANSWERS, cluster: CLUSTER }));
  const synth = vibe(['synth', '--values', 'vibe.yaml'], { cwd: repo });
  expect(synth.stderr).toBe('');
  expect(synth.status).toBe(0);
  return repo;
}

const criticalIds = (stdout: string) => JSON.parse(stdout).findings.filter((f: { severity: string }) => f.severity === 'CRITICAL').map((f: { id: string }) => f.id);

describe('cluster settings discovery', () => {
  let repo: string;
  beforeAll(() => {
    repo = synthesizedRepo();
  });

  it('without the settings, the set the synth gate passed gets false CRITICALs (what discovery prevents)', () => {
    const elsewhere = tempDir('vibe-discovery-bare-');
    fs.cpSync(path.join(repo, 'k8s'), path.join(elsewhere, 'k8s'), { recursive: true });
    const result = vibe(['review', 'k8s', '--format', 'json'], { cwd: elsewhere });
    expect(result.status).toBe(1);
    expect(criticalIds(result.stdout).length).toBeGreaterThan(0);
    expect(JSON.parse(result.stdout).clusterConfig).toEqual({ origin: 'defaults', file: null });
  });

  it('reads the cluster: section of ./vibe.yaml: no false CRITICAL, and the report says so in one line', () => {
    const text = vibe(['review', 'k8s'], { cwd: repo });
    expect(text.stderr).toBe('');
    expect(text.stdout.split('\n')[0]).toBe('Cluster settings: the cluster: section of vibe.yaml.');
    expect(text.stdout).toContain('Ready to deploy.');
    expect(text.status).toBe(0);
    const json = vibe(['review', 'k8s', '--format', 'json'], { cwd: repo });
    expect(criticalIds(json.stdout)).toEqual([]);
    expect(JSON.parse(json.stdout).clusterConfig).toEqual({ origin: 'vibe.yaml', file: 'vibe.yaml' });
  });

  it('finds .vibe/cluster.yaml in a folder above: a platform repository of many app folders', () => {
    const platform = tempDir('vibe-discovery-platform-');
    fs.mkdirSync(path.join(platform, '.vibe'));
    fs.writeFileSync(path.join(platform, '.vibe', 'cluster.yaml'), stringify({ cluster: CLUSTER }));
    const app = path.join(platform, 'apps', 'shop');
    fs.mkdirSync(app, { recursive: true });
    fs.cpSync(path.join(repo, 'k8s'), path.join(app, 'k8s'), { recursive: true });
    const result = vibe(['review', 'k8s', '--format', 'json'], { cwd: app });
    expect(criticalIds(result.stdout)).toEqual([]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).clusterConfig).toEqual({ origin: '.vibe/cluster.yaml', file: path.join('..', '..', '.vibe', 'cluster.yaml') });
    // The settings at the top level (no cluster: block) are read the same way.
    fs.writeFileSync(path.join(platform, '.vibe', 'cluster.yaml'), stringify(CLUSTER));
    expect(vibe(['review', 'k8s'], { cwd: app }).stdout.split('\n')[0]).toBe(`Cluster settings: ${path.join('..', '..', '.vibe', 'cluster.yaml')} (.vibe/cluster.yaml).`);
  });

  it('skips a vibe.yaml without a cluster: section and goes on to .vibe/cluster.yaml', () => {
    const dir = tempDir('vibe-discovery-answers-only-');
    fs.writeFileSync(path.join(dir, 'vibe.yaml'), stringify(ANSWERS));
    fs.mkdirSync(path.join(dir, '.vibe'));
    fs.writeFileSync(path.join(dir, '.vibe', 'cluster.yaml'), stringify({ cluster: CLUSTER }));
    fs.cpSync(path.join(repo, 'k8s'), path.join(dir, 'k8s'), { recursive: true });
    const result = vibe(['review', 'k8s', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(result.stdout).clusterConfig).toEqual({ origin: '.vibe/cluster.yaml', file: path.join('.vibe', 'cluster.yaml') });
    expect(result.status).toBe(0);
  });

  it('lets --cluster-config win over what would be discovered', () => {
    const defaults = path.join(tempDir('vibe-discovery-flag-'), 'cluster.yaml');
    fs.writeFileSync(defaults, 'prefix: platform\n');
    const result = vibe(['review', 'k8s', '--format', 'json', '--cluster-config', defaults], { cwd: repo });
    expect(result.status).toBe(1);
    expect(criticalIds(result.stdout)).toContain('A6');
    expect(JSON.parse(result.stdout).clusterConfig).toEqual({ origin: '--cluster-config', file: defaults });
  });

  it('fails on a broken discovered file with exit 2, naming it, without a stack trace', () => {
    const dir = tempDir('vibe-discovery-broken-');
    fs.mkdirSync(path.join(dir, '.vibe'));
    fs.writeFileSync(path.join(dir, '.vibe', 'cluster.yaml'), 'cluster:\n  registry: [unclosed\n');
    fs.cpSync(path.join(repo, 'k8s'), path.join(dir, 'k8s'), { recursive: true });
    const result = vibe(['review', 'k8s'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\.vibe\/cluster\.yaml:\d+:\d+: not valid YAML/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
