import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { isConfinedPath } from '../../src/cluster/live-review';
import { CLI, ROOT, STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

// Hostile inputs: files that are not files, and local HTTP servers (127.0.0.1 only, stopped in
// afterAll) that never stop sending or redirect in circles. Runs the compiled CLI.
jest.setTimeout(60_000);

const SET = path.join(ROOT, 'test', 'golden', 'inventory-checker');

function run(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (status) => resolve({ status, stdout, stderr, ms: Date.now() - start }));
  });
}

describe('inputs that are not regular files are refused, not read forever', () => {
  test.each([
    ['synth --values', (f: string) => ['synth', '--values', f, '--out', path.join(tempDir(), 'k8s')], /^values: "\/dev\/zero" is not a regular file/],
    ['seal --cert', (f: string) => ['seal', '--cert', f, '-n', 'platform-vibe-shop', '--name', 's', '--raw'], /^--cert: "\/dev\/zero" is not a regular file/],
  ])('fails %s /dev/zero with one plain line', (_name, args, message) => {
    const result = vibe(args('/dev/zero'), { input: 'A=1\n' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  test('fails a named pipe as the answers file at once instead of waiting for a writer', () => {
    const fifo = path.join(tempDir(), 'answers.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const result = vibe(['synth', '--values', fifo, '--out', path.join(tempDir(), 'k8s')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a regular file \(a device, pipe or socket\)/);
  });

  test('fails an answers file above 1 MiB without reading it whole', () => {
    const big = path.join(tempDir(), 'big.yaml');
    fs.writeFileSync(big, `slug: x\n#${'x'.repeat(2 * 1024 * 1024)}\n`);
    const result = vibe(['synth', '--values', big, '--out', path.join(tempDir(), 'k8s')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is larger than 1 MiB, too big for the answers file/);
  });
});

describe('pod-proxy paths are built only from plain parts', () => {
  test.each(['/metrics', '/actuator/prometheus', '/v1/metrics.txt', '/a_b-c~d'])('uses %s', (p) => expect(isConfinedPath(p)).toBe(true));
  test.each([
    '/../../../../api/v1/namespaces/kube-system/secrets',
    '/metrics/../../x',
    '/%2e%2e/secrets',
    '/./metrics',
    '//evil.example.com/metrics',
    'http://evil.example.com/metrics',
    '/metrics?x=1',
    '/metrics#x',
    '/a\\..\\b',
    '/metrics\n',
    'metrics',
    '',
  ])('falls back to /metrics for %j', (p) => expect(isConfinedPath(p)).toBe(false));
});

describe('--metrics-url against hostile servers', () => {
  let server: http.Server;
  let base: string;
  let endlessBytes = 0;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/endless') {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        const chunk = Buffer.alloc(64 * 1024, '# padding line that never ends\n');
        const pump = () => {
          while (!response.destroyed && response.write(chunk)) endlessBytes += chunk.length;
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
        return;
      }
      if (request.url?.startsWith('/loop')) {
        response.writeHead(302, { location: `/loop${Number(request.url.slice(5) || 0) + 1}` }).end();
        return;
      }
      if (request.url === '/silent') return; // never answers
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('reads only the first 8 MiB of an endless body and finishes', async () => {
    const result = await run(['review', SET, '--metrics-url', `${base}/endless`]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(result.status);
    // What the server managed to push before the client stopped reading: far below "everything".
    expect(endlessBytes).toBeLessThan(256 * 1024 * 1024);
  });

  test('fails a redirect loop with one plain line', async () => {
    const result = await run(['review', SET, '--metrics-url', `${base}/loop`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--metrics-url: .* could not be fetched \(more than 5 redirects\)/);
  });

  test('fails a server that never answers within the time limit', async () => {
    const result = await run(['review', SET, '--metrics-url', `${base}/silent`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/did not answer within 10 s/);
    expect(result.ms).toBeLessThan(30_000);
  });
});
