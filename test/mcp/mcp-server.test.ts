import * as fs from 'node:fs';
import * as path from 'node:path';
/* eslint-disable import/no-unresolved -- the SDK resolves through its package exports map, which the resolver does not read */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
/* eslint-enable import/no-unresolved */
import { CATALOGUE } from '../../src/review/catalogue';
import { CLI, ROOT, STACK_LINE } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * `vibe mcp` as a coding assistant meets it: the SDK's own client spawns the built CLI over
 * stdio in a scratch repository, lists the tools and resources, and calls each one.
 */

const base = tempDir('vibe-mcp-');
const root = path.join(base, 'repo');
const outside = path.join(base, 'outside');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'inventory-checker');

const LATEST_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  selector: { matchLabels: { app: shop-app } }
  template:
    metadata: { labels: { app: shop-app } }
    spec:
      containers:
        - name: app
          image: harbor.internal.example.com/shop-app:latest
`;

// Secret-looking values that no answer of a tool may repeat.
const PASSWORD = 'Xk9mQ2vLp8zR4wTb7nHs';
const TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const SECRET_YAML = `apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config, namespace: platform-vibe-shop }
data:
  DB_PASSWORD: "${PASSWORD}"
---
apiVersion: v1
kind: Secret
metadata: { name: shop-credentials, namespace: platform-vibe-shop }
stringData:
  GITHUB_TOKEN: "${TOKEN}"
`;

// A hand-written file to fix: a comment to keep, a credential beside the workload (never shown).
const HAND_WRITTEN = `# The shop, written by hand.
${SECRET_YAML}---
${LATEST_DEPLOYMENT}`;

let client: Client;
let transport: StdioClientTransport;

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'k8s'), { recursive: true });
  fs.mkdirSync(outside);
  for (const name of fs.readdirSync(GOLDEN)) fs.copyFileSync(path.join(GOLDEN, name), path.join(root, 'k8s', name));
  fs.writeFileSync(path.join(outside, 'app.yaml'), LATEST_DEPLOYMENT);
  // Three ways out: a link to an outside folder, a folder holding a link to an outside file, a broken link.
  fs.symlinkSync(outside, path.join(root, 'escape'));
  fs.mkdirSync(path.join(root, 'mixed'));
  fs.writeFileSync(path.join(root, 'mixed', 'ok.yaml'), LATEST_DEPLOYMENT);
  fs.symlinkSync(path.join(outside, 'app.yaml'), path.join(root, 'mixed', 'linked.yaml'));
  fs.symlinkSync(path.join(outside, 'not-yet'), path.join(root, 'dangling'));
  fs.mkdirSync(path.join(root, 'hand-written'));
  fs.writeFileSync(path.join(root, 'hand-written', 'app.yaml'), HAND_WRITTEN);

  transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: root, stderr: 'pipe' });
  client = new Client({ name: 'vibe-env-test', version: '0.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  const pid = transport?.pid;
  await client?.close();
  // The server must be gone; if close did not end it, end it here (only this pid).
  if (pid && isRunning(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(base, { recursive: true, force: true });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface ToolAnswer {
  readonly isError: boolean;
  readonly text: string;
  readonly json: unknown;
}

async function call(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
  const isError = result.isError === true;
  return { isError, text, json: isError ? undefined : JSON.parse(text) };
}

function expectRefused(answer: ToolAnswer, why: RegExp): void {
  expect(answer.isError).toBe(true);
  expect(answer.text).toMatch(why);
  expect(answer.text).toContain('vibe mcp reads and writes only inside');
  expect(answer.text).not.toMatch(STACK_LINE);
}

describe('vibe mcp over stdio', () => {
  it('lists its tools, with input schemas from the zod schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['review', 'fix', 'explain', 'synth', 'graph', 'checks']);
    for (const t of tools) expect(t.inputSchema.type).toBe('object');
    const synth = tools.find((t) => t.name === 'synth')!.inputSchema as { properties: Record<string, { properties?: Record<string, { type?: string; enum?: string[] }> }>; required: string[] };
    expect(synth.required).toEqual(expect.arrayContaining(['answers', 'out']));
    // The answers schema itself: its size enum, and secrets only as the name of a sealed file.
    expect(synth.properties.answers.properties!.size.enum).toEqual(['xs', 'sm', 'md', 'lg', 'xl']);
    expect(synth.properties.answers.properties!.secrets.type).toBe('string');
  });

  it('review: a folder under the root passes; inline YAML with a :latest image fails with A1', async () => {
    const golden = await call('review', { paths: ['k8s'] });
    expect(golden.json).toEqual({ app: 'Inventory Checker', passed: true, findings: [] });
    const inline = await call('review', { yaml: LATEST_DEPLOYMENT });
    const report = inline.json as { passed: boolean; findings: { id: string; file: string; line: number }[] };
    expect(report.passed).toBe(false);
    expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'A1', file: '<inline>', line: 1 })]));
  });

  it('review: a secret-looking inline value is reported and never echoed', async () => {
    const answer = await call('review', { yaml: SECRET_YAML });
    const ids = (answer.json as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['E1', 'E2']));
    expect(answer.text).not.toContain(PASSWORD);
    expect(answer.text).not.toContain(TOKEN);
    expect(answer.text).not.toContain(TOKEN.slice(0, 12));
  });

  it('fails on a path outside the root: "..", absolute, a symbolic link out, a link inside a folder, a broken link', async () => {
    expectRefused(await call('review', { paths: ['../outside'] }), /"\.\.\/outside" goes up with "\.\."/);
    expectRefused(await call('review', { paths: ['k8s/../../outside'] }), /goes up with "\.\."/);
    expectRefused(await call('review', { paths: [outside] }), /is outside the root/);
    expectRefused(await call('review', { paths: ['/etc'] }), /"\/etc" is outside the root/);
    expectRefused(await call('review', { paths: ['escape'] }), /"escape" leads outside the root through a symbolic link/);
    expectRefused(await call('review', { paths: ['escape/app.yaml'] }), /leads outside the root through a symbolic link/);
    expectRefused(await call('review', { paths: ['mixed'] }), /"mixed\/linked\.yaml" leads outside the root through a symbolic link/);
    expectRefused(await call('graph', { paths: ['escape'] }), /symbolic link/);
    expectRefused(await call('synth', { answers: { slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' } }, out: '../out' }), /goes up/);
    expectRefused(await call('synth', { answers: { slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' } }, out: 'dangling/k8s' }), /symbolic link/);
    expectRefused(await call('review', { paths: ['k8s'], clusterConfig: '/etc/hostname' }), /outside the root/);
    expect(fs.readdirSync(outside)).toEqual(['app.yaml']);
  });

  it('fix: a dry run by default (a diff, nothing written, credentials redacted); write: true writes; a second run changes nothing', async () => {
    const file = path.join(root, 'hand-written', 'app.yaml');
    const dry = await call('fix', { paths: ['hand-written'] });
    expect(dry.isError).toBe(false);
    type Plan = { written: string[]; diff: string; files: { path: string; change: string }[]; fixed: { id: string }[]; remaining: { id: string }[] };
    const plan = dry.json as Plan;
    expect(plan.written).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(HAND_WRITTEN);
    expect(plan.files).toEqual(expect.arrayContaining([{ path: path.join('hand-written', 'app.yaml'), change: 'changed' }]));
    expect(plan.diff).toContain('+++ b/hand-written/app.yaml');
    expect(plan.diff).toMatch(/^\+ +runAsNonRoot: true$/m);
    expect(plan.fixed.map((f) => f.id)).toEqual(expect.arrayContaining(['A3', 'S1']));
    // Without a tag given no SHA is invented, and sealing stays with vibe seal: both are left.
    expect(plan.remaining.map((f) => f.id)).toEqual(expect.arrayContaining(['A1', 'E1']));
    expect(dry.text).not.toContain(PASSWORD);
    expect(dry.text).not.toContain(TOKEN);

    const wrote = (await call('fix', { paths: ['hand-written'], write: true })).json as { written: string[] };
    expect(wrote.written).toEqual(plan.files.map((f) => f.path));
    expect(wrote.written).toContain(path.join('hand-written', 'app.yaml'));
    const fixed = fs.readFileSync(file, 'utf8');
    expect(fixed).toContain('# The shop, written by hand.');
    expect(fixed).toContain('runAsNonRoot: true');
    const again = (await call('fix', { paths: ['hand-written'] })).json as { files: unknown[]; diff: string };
    expect(again).toMatchObject({ files: [], diff: '' });
  });

  it('fix: refuses a path outside the root and a movable image tag, writing nothing', async () => {
    expectRefused(await call('fix', { paths: ['escape'], write: true }), /symbolic link/);
    expectRefused(await call('fix', { paths: ['../outside'], write: true }), /goes up/);
    expect(fs.readFileSync(path.join(outside, 'app.yaml'), 'utf8')).toBe(LATEST_DEPLOYMENT);
    const tag = await call('fix', { paths: ['hand-written'], imageTag: 'latest' });
    expect(tag.isError).toBe(true);
    expect(tag.text).toMatch(/^imageTag: got "latest" — must be a commit SHA/);
  });

  it('explain: a check by id, with both examples; an unknown one names the nearest', async () => {
    const answer = await call('explain', { check: 'A1' });
    expect(answer.json).toMatchObject({ id: 'A1', slug: 'pinned-image-tag', severity: 'CRITICAL' });
    const examples = (answer.json as { examples: { failing: { fixture: string }; passing: { fixture: string } } }).examples;
    expect(examples.failing.fixture).toMatch(/^fail\./);
    expect(examples.passing.fixture).toMatch(/^pass\./);
    const unknown = await call('explain', { check: 'A99' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/"A99" is not a check id or name\. Nearest: A1 pinned-image-tag/);
  });

  it('checks: the whole catalogue', async () => {
    const { checks } = (await call('checks', {})).json as { checks: { id: string; severity: string; fix: string }[] };
    expect(checks.map((c) => c.id)).toEqual(CATALOGUE.map((c) => c.id));
    expect(checks[0]).toMatchObject({ id: CATALOGUE[0].id, severity: CATALOGUE[0].severity, fix: CATALOGUE[0].fix });
  });

  it('graph: the flows the policies allow, as JSON and as Mermaid', async () => {
    const json = (await call('graph', { paths: ['k8s'] })).json as { endpoints: { id: string }[]; flows: { from: string; to: string; port: number }[] };
    expect(json.flows.length).toBeGreaterThan(3);
    expect(json.flows).toEqual(expect.arrayContaining([expect.objectContaining({ port: 8081 })]));
    const mermaid = (await call('graph', { paths: ['k8s'], format: 'mermaid' })).json as { mermaid: string };
    expect(mermaid.mermaid).toMatch(/^flowchart LR\n/);
  });

  it('synth: answers in, the numbered set written into the folder named, which then passes review', async () => {
    const answer = await call('synth', { answers: { slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, size: 'sm' }, out: 'apps/shop/k8s' });
    expect(answer.isError).toBe(false);
    const result = answer.json as { namespace: string; out: string; files: string[] };
    expect(result).toMatchObject({ namespace: 'platform-vibe-shop', out: path.join('apps', 'shop', 'k8s', '') });
    expect(result.files).toEqual(expect.arrayContaining(['00-namespace.yaml', '08-app.yaml', '09-nginx.yaml', 'README.md']));
    expect(fs.readdirSync(path.join(root, 'apps', 'shop', 'k8s'))).toEqual(expect.arrayContaining(result.files));
    expect((await call('review', { paths: ['apps/shop/k8s'] })).json).toMatchObject({ passed: true });
  });

  it('synth: refuses bad answers and a credential in env in plain words, without the value', async () => {
    const bad = await call('synth', { answers: { slug: 'shop', image: { repository: 'shop-app', tag: 'latest' } }, out: 'k8s-bad' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^answers\.image\.tag: .*"latest" is a mutable tag.* Example: tag: a3f91bc/);
    const secret = await call('synth', { answers: { slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, env: { GITHUB_TOKEN: TOKEN } }, out: 'k8s-secret' });
    expect(secret.isError).toBe(true);
    expect(secret.text).toMatch(/answers\.env\.GITHUB_TOKEN: .*Seal it instead/);
    expect(secret.text).not.toContain(TOKEN);
    expect(fs.existsSync(path.join(root, 'k8s-bad'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'k8s-secret'))).toBe(false);
  });

  it('offers the contract and the component catalogue as resources', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['vibe://contract', 'vibe://components']);
    const contract = JSON.parse(((await client.readResource({ uri: 'vibe://contract' })).contents[0] as { text: string }).text);
    expect(contract.ports).toMatchObject({ http: 8081, mgmt: 8082 });
    expect(contract.sizes.md).toMatchObject({ cpuRequest: '200m' });
    expect(contract.answersSchema.properties.slug.type).toBe('string');
    const components = JSON.parse(((await client.readResource({ uri: 'vibe://components' })).contents[0] as { text: string }).text);
    expect(components.components.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['postgres', 'redis', 'rabbitmq']));
  });

  it('fails on an unknown tool or argument in plain words', async () => {
    const unknown = await call('deploy', {});
    expect(unknown).toMatchObject({ isError: true });
    expect(unknown.text).toMatch(/^unknown tool "deploy"\. Tools: review, fix, explain/);
    const extra = await call('checks', { all: true });
    expect(extra.isError).toBe(true);
    expect(extra.text).toMatch(/all: unknown field/);
  });
});
