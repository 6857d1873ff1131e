import * as fs from 'node:fs';
import * as path from 'node:path';
import { closedPort, expectOneLineError, tempDir } from './helpers/files';
import { EXAMPLE_K8S, liveNamespace, type LiveNamespace } from './helpers/live-namespace';
import { vibeAsync } from './helpers/run';
import { StandIn } from './helpers/stand-in';

// Runs the compiled CLI (lib/cli/main.js) against a stand-in API server: build with `npx tsc --build` first.
jest.setTimeout(60_000);

const NS = 'platform-vibe-inventory-checker';

/** Each cluster command, pointed at a kubeconfig. */
const COMMANDS: readonly [string, (kubeconfig: string) => string[]][] = [
  ['review --live', (kc) => ['review', '--live', '--namespace', NS, '--kubeconfig', kc]],
  ['diff', (kc) => ['diff', EXAMPLE_K8S, '--kubeconfig', kc]],
  ['shutdown', (kc) => ['shutdown', '--namespace', NS, '--reason', 'test', '--kubeconfig', kc]],
  ['seal --fetch-cert', (kc) => ['seal', '--fetch-cert', '--namespace', NS, '--name', 'x', '--raw', '--kubeconfig', kc]],
];

describe('cluster command errors: one plain line, exit 2, no stack trace', () => {
  let live: LiveNamespace;
  let standIn: StandIn;
  let dir: string;

  beforeAll(async () => {
    live = liveNamespace();
    standIn = await StandIn.start(live.state);
    dir = tempDir();
  });
  afterAll(async () => standIn.close());
  beforeEach(() => {
    standIn.requests.length = 0;
    live.state.forbidden.length = 0;
  });

  it.each(COMMANDS)('%s: an API server nobody answers on names the server', async (_name, args) => {
    const port = await closedPort();
    const kubeconfig = standIn.kubeconfig(tempDir(), { server: `http://127.0.0.1:${port}` });
    const result = await vibeAsync(args(kubeconfig), { input: 'A=1\n', cwd: dir });
    expectOneLineError(result, new RegExp(`^Cannot reach the Kubernetes API server at http://127\\.0\\.0\\.1:${port} \\(connection refused; context "stand-in" from --kubeconfig `));
  });

  it.each(COMMANDS)('%s: a 403 says which right is missing in which namespace', async (_name, args) => {
    live.state.forbidden.push({ path: /./ });
    const result = await vibeAsync(args(standIn.kubeconfig(dir)), { input: 'A=1\n', cwd: dir });
    expectOneLineError(result, /^Permission denied: you lack permission to (get|list) [a-z./]+ in namespace "[a-z-]+" \(403 Forbidden from http:\/\/127\.0\.0\.1:\d+, context "stand-in"\)\./);
  });

  it('a 403 on the deployments list names list deployments.apps and the namespace', async () => {
    live.state.forbidden.push({ path: /\/deployments$/ });
    const result = await vibeAsync(COMMANDS[0][1](standIn.kubeconfig(dir)));
    expectOneLineError(result, new RegExp(`^Permission denied: you lack permission to list deployments\\.apps in namespace "${NS}" `));
  });

  it('a 404 namespace is one line naming it', async () => {
    const result = await vibeAsync(['review', '--live', '--namespace', 'platform-vibe-nope', '--kubeconfig', standIn.kubeconfig(dir)]);
    expectOneLineError(result, /^Namespace "platform-vibe-nope" does not exist in the cluster at http:\/\/127\.0\.0\.1:\d+ \(context "stand-in"\)\. Check --namespace/);
  });

  it('rejected credentials (401) are one line', async () => {
    const result = await vibeAsync(COMMANDS[0][1](standIn.kubeconfig(tempDir(), { token: 'expired' })));
    expectOneLineError(result, /^The API server at http:\/\/127\.0\.0\.1:\d+ \(context "stand-in"\) did not accept your credentials \(401 Unauthorized\)\./);
  });

  it('a --kubeconfig that does not exist, or an unknown --context, is named before any request', async () => {
    const missing = await vibeAsync(['review', '--live', '--namespace', NS, '--kubeconfig', path.join(dir, 'nope')]);
    expectOneLineError(missing, /^--kubeconfig: ".*nope" does not exist\./);
    const context = await vibeAsync(['review', '--live', '--namespace', NS, '--kubeconfig', standIn.kubeconfig(dir), '--context', 'prod']);
    expectOneLineError(context, /^--context: "prod" is not a context in --kubeconfig .*; it has: stand-in\.$/);
    expect(standIn.requests).toEqual([]);
  });

  it('a plain http:// server without insecure-skip-tls-verify is explained, not a stack trace', async () => {
    const file = path.join(tempDir(), 'kubeconfig');
    fs.writeFileSync(file, fs.readFileSync(standIn.kubeconfig(dir), 'utf8').replace('      insecure-skip-tls-verify: true\n', ''));
    const result = await vibeAsync(['review', '--live', '--namespace', NS, '--kubeconfig', file]);
    expectOneLineError(result, /^Cannot prepare a request to the API server at http:\/\/127\.0\.0\.1:\d+ \(context "stand-in"\): its server URL is plain http:\/\//);
    expect(standIn.requests).toEqual([]);
  });

  it('no kubeconfig anywhere is one line saying where vibe looked', async () => {
    const home = tempDir();
    const result = await vibeAsync(['review', '--live', '--namespace', NS], { env: { KUBECONFIG: '', HOME: home, KUBERNETES_SERVICE_HOST: '' } });
    expectOneLineError(result, /^No Kubernetes cluster configured: no --kubeconfig, KUBECONFIG is not set, .*\.kube\/config does not exist/);
  });
});
