import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT } from './helpers/cli';
import { tempDir } from './helpers/render';

/**
 * Each command loads only what it uses. A preloaded script records Node's `require.cache` when
 * the real command exits, and the test compares the heavy packages in it with what the command
 * needs: `vibe review` no synthesizer (cdk8s, constructs, zod), `vibe seal --raw` no YAML at all,
 * the Kubernetes client only for commands that talk to a cluster, and one copy of yaml (cdk8s
 * bundles its own; src/shared-yaml.ts makes every module take that one).
 *
 * The secret scanner runs in a worker thread of its own, so secretlint must never appear here,
 * in the main thread.
 */

const HEAVY = ['cdk8s', 'cdk8s-plus-28', 'constructs', 'zod', 'yaml', 'js-yaml', 'secretlint', '@secretlint', 'dockerfile-ast', '@kubernetes/client-node', '@modelcontextprotocol/sdk'] as const;
type Heavy = (typeof HEAVY)[number];

const dir = tempDir('vibe-loads-');
const PRELOAD = path.join(dir, 'record-modules.js');
fs.writeFileSync(PRELOAD, "process.on('exit', () => require('fs').writeFileSync(process.env.VIBE_MODULES_OUT, JSON.stringify(Object.keys(require.cache))));\n");
const CERT = path.join(ROOT, 'examples', 'inventory-checker', 'sealed-secrets-cert.pem');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'inventory-checker');
// A kubeconfig whose server refuses at once: the cluster commands load their client and stop.
const KUBECONFIG = path.join(dir, 'kubeconfig');
fs.writeFileSync(
  KUBECONFIG,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]',
    'users: [{name: u, user: {token: not-a-real-token}}]',
    'contexts: [{name: x, context: {cluster: c, user: u, namespace: inventory-checker}}]',
    'current-context: x',
    '',
  ].join('\n'),
);

interface Loaded {
  readonly status: number | null;
  readonly stderr: string;
  readonly modules: readonly string[];
}

function modulesLoadedBy(args: readonly string[], input?: string): Loaded {
  const out = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.json`);
  const result = spawnSync(process.execPath, ['-r', PRELOAD, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, VIBE_MODULES_OUT: out, KUBECONFIG },
  });
  return { status: result.status, stderr: result.stderr, modules: JSON.parse(fs.readFileSync(out, 'utf8')) as string[] };
}

/** The package a module file belongs to: the path after its last node_modules folder. */
function packageOf(file: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at === -1) return undefined;
  const parts = file.slice(at + marker.length).split(path.sep);
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function heavyIn(modules: readonly string[]): Heavy[] {
  const packages = new Set(modules.map(packageOf));
  return HEAVY.filter((name) => packages.has(name) || (name === '@secretlint' && [...packages].some((p) => p?.startsWith('@secretlint/'))));
}

/** The package folders yaml was loaded from (one, when every module shares cdk8s's copy). */
function yamlCopies(modules: readonly string[]): string[] {
  const marker = `${path.sep}node_modules${path.sep}yaml${path.sep}`;
  return [...new Set(modules.filter((m) => m.includes(marker) && m.endsWith('.js')).map((m) => m.slice(0, m.lastIndexOf(marker) + marker.length)))];
}

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(aliasDir, { recursive: true, force: true });
});

const dockerfile = path.join(dir, 'Dockerfile');
fs.writeFileSync(dockerfile, 'FROM harbor.internal.example.com/dockerhub-proxy/library/node:22-slim\nUSER 1000\n');
const clusterConfig = path.join(dir, 'cluster.yaml');
fs.writeFileSync(clusterConfig, 'prefix: platform\n');
const env = 'DATABASE_PASSWORD=not-a-real-password\nAPI_TOKEN=not-a-real-token\n';
// An alias: read by the reference reader (yaml), which plain manifests never load.
// In a folder of its own: the review would take the Dockerfile above in.
const aliasDir = tempDir('vibe-loads-alias-');
const aliased = path.join(aliasDir, 'config.yaml');
fs.writeFileSync(aliased, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n settings\n  namespace: shop-app\ndata:\n  name: *n\n');

const COMMANDS: ReadonlyArray<{ name: string; args: readonly string[]; input?: string; status: number; heavy: readonly Heavy[] }> = [
  { name: 'vibe --version', args: ['--version'], status: 0, heavy: [] },
  { name: 'vibe checks', args: ['checks'], status: 0, heavy: [] },
  { name: 'vibe explain', args: ['explain', 'A1'], status: 0, heavy: [] },
  { name: 'vibe synth --values', args: ['synth', '--values', path.join(ROOT, 'examples', 'inventory-checker', 'values.yaml'), '--out', path.join(dir, 'synth')], status: 0, heavy: ['cdk8s', 'constructs', 'zod', 'yaml'] },
  { name: 'vibe review <folder>', args: ['review', GOLDEN], status: 0, heavy: ['js-yaml'] },
  { name: 'vibe review of a manifest with an alias (the reference reader)', args: ['review', aliased], status: 0, heavy: ['yaml', 'js-yaml'] },
  { name: 'vibe review --cluster-config (zod validates the file)', args: ['review', GOLDEN, '--cluster-config', clusterConfig], status: 0, heavy: ['zod', 'yaml', 'js-yaml'] },
  { name: 'vibe review --dockerfile', args: ['review', GOLDEN, '--dockerfile', dockerfile], status: 1, heavy: ['js-yaml', 'dockerfile-ast'] },
  { name: 'vibe graph', args: ['graph', GOLDEN], status: 0, heavy: ['js-yaml'] },
  { name: 'vibe init --yes', args: ['init', path.join(dir, 'init-app'), '--slug', 'shop-app', '--yes'], status: 0, heavy: ['cdk8s', 'constructs', 'zod', 'yaml'] },
  { name: 'vibe seal (SealedSecret YAML)', args: ['seal', '--cert', CERT, '--namespace', 'shop-app', '--name', 'shop-app-secrets'], input: env, status: 0, heavy: ['yaml'] },
  { name: 'vibe seal --raw', args: ['seal', '--cert', CERT, '--namespace', 'shop-app', '--name', 'shop-app-secrets', '--raw'], input: env, status: 0, heavy: [] },
  { name: 'vibe diff (a cluster command: the Kubernetes client)', args: ['diff', GOLDEN], status: 2, heavy: ['js-yaml', '@kubernetes/client-node'] },
];

describe('what each command loads', () => {
  it.each(COMMANDS)('$name', ({ args, input, status, heavy }) => {
    const loaded = modulesLoadedBy(args, input);
    expect(loaded.status).toBe(status);
    if (status === 0) expect(loaded.stderr).toBe('');
    expect(heavyIn(loaded.modules)).toEqual(HEAVY.filter((name) => heavy.includes(name)));
    expect(yamlCopies(loaded.modules).length).toBe(heavy.includes('yaml') ? 1 : 0);
  });

  it('vibe review runs its checks without the generated bindings or the constructs', () => {
    const { modules } = modulesLoadedBy(['review', GOLDEN]);
    const fromLib = (folder: string) => modules.filter((m) => m.startsWith(path.join(ROOT, 'lib', folder) + path.sep));
    expect(fromLib('review').length).toBeGreaterThan(10);
    expect(fromLib('constructs')).toEqual([]);
    expect(fromLib(path.join('imports'))).toEqual([]);
    // The MCP server (and its SDK, in HEAVY) belong to `vibe mcp` alone.
    expect(fromLib('mcp')).toEqual([]);
  });
});
