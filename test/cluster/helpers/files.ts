import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STACK_LINE, type CliResult } from '../../helpers/cli';

export function tempDir(prefix = 'vibe-cluster-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The CLI failed with exit 2 and exactly one plain line on stderr, nothing on stdout. */
export function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(pattern);
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
}
