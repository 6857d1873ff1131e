import * as fs from 'node:fs';
import * as path from 'node:path';
import { testenvBinaries, type TestenvBinaries } from './binaries';
import { TestCluster } from './test-cluster';

/** How long starting etcd and kube-apiserver may take on 2 busy cores. */
export const START_TIMEOUT_MS = 240_000;

export interface ClusterSuite {
  readonly describeCluster: jest.Describe;
  readonly binaries?: TestenvBinaries;
}

/**
 * The describe block of a cluster test file and the binaries it runs, or `describe.skip` with the
 * reason printed when the binaries are not built (never a silent pass).
 */
export function clusterDescribe(file: string, extraMissing?: () => string | undefined): ClusterSuite {
  const found = testenvBinaries();
  const missing = 'missing' in found ? found.missing : extraMissing?.();
  if (missing) {
    process.stderr.write(`${path.basename(file)}: SKIPPED — ${missing}\n`);
    // eslint-disable-next-line jest/no-disabled-tests
    return { describeCluster: describe.skip };
  }
  return { describeCluster: describe, binaries: found as TestenvBinaries };
}

/** Starts a cluster in beforeAll and stops it (every process, by pid) in afterAll, even after a failure. */
export function useCluster(binaries: TestenvBinaries | undefined, after?: (cluster: TestCluster) => Promise<void>): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await TestCluster.start(binaries!);
    if (after) await after(cluster);
  }, START_TIMEOUT_MS);
  afterAll(async () => cluster?.stop(), 60_000);
  return () => {
    if (!cluster) throw new Error('the test cluster did not start (see beforeAll)');
    return cluster;
  };
}

/** The golden synthesized folders: every component combination the golden tests hold. */
export function goldenFolders(): string[] {
  const golden = path.resolve(__dirname, '..', '..', 'golden');
  return fs
    .readdirSync(golden)
    .map((name) => path.join(golden, name))
    .filter((dir) => fs.existsSync(path.join(dir, '00-namespace.yaml')))
    .sort();
}
