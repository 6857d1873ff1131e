import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../../helpers/cli';

/** The binaries scripts/testenv/build.sh builds (it alone knows the versions and the cache key). */
export interface TestenvBinaries {
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly sealedSecretsController: string;
}

const BUILD_SCRIPT = path.join(ROOT, 'scripts', 'testenv', 'build.sh');

/** The built binaries, or why the cluster tests cannot run (the build is `npm run test:cluster`'s first step). */
export function testenvBinaries(): TestenvBinaries | { readonly missing: string } {
  const result = spawnSync('bash', [BUILD_SCRIPT, '--bin-dir'], { encoding: 'utf8' });
  if (result.status !== 0) return { missing: `scripts/testenv/build.sh --bin-dir failed: ${result.stderr.trim()}` };
  const bin = result.stdout.trim();
  const binaries = {
    etcd: path.join(bin, 'etcd'),
    kubeApiserver: path.join(bin, 'kube-apiserver'),
    sealedSecretsController: path.join(bin, 'sealed-secrets-controller'),
  };
  const absent = Object.values(binaries).filter((file) => !fs.existsSync(file));
  if (absent.length) {
    return { missing: `${absent.map((f) => path.basename(f)).join(', ')} not built in ${bin}: run scripts/testenv/build.sh (needs Go 1.24+ and the Go module proxy; 15–30 min on 2 cores the first time)` };
  }
  const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (openssl.status !== 0) return { missing: 'openssl is not installed: the tests make the cluster\'s CA and serving certificate with it' };
  return binaries;
}
