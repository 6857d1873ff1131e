/**
 * A loopback cluster to try vibe against by hand: etcd, kube-apiserver (Pod Security on) and the
 * Sealed Secrets controller, the same the cluster tests start. Prints the kubeconfigs and runs
 * until Ctrl-C, then stops every process by pid. Build first: bash scripts/testenv/build.sh.
 *   npx ts-node --swc scripts/testenv/up.ts
 */
import { testenvBinaries } from '../../test/real-cluster/helpers/binaries';
import { controllerUnavailable, startSealedSecretsController } from '../../test/real-cluster/helpers/sealed-secrets-controller';
import { TestCluster } from '../../test/real-cluster/helpers/test-cluster';

async function main(): Promise<void> {
  const binaries = testenvBinaries();
  if ('missing' in binaries) {
    process.stderr.write(`testenv: ${binaries.missing}\n`);
    process.exit(2);
  }
  const cluster = await TestCluster.start(binaries);
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const unavailable = controllerUnavailable();
    const controller = unavailable ? `not started: ${unavailable}` : await startSealedSecretsController(cluster, binaries.sealedSecretsController);
    process.stdout.write(
      `kube-apiserver: ${cluster.server}\n` +
      `admin:      KUBECONFIG=${cluster.kubeconfig('admin')}\n` +
      `no rights:  KUBECONFIG=${cluster.kubeconfig('restricted')}\n` +
      `sealed-secrets controller: ${controller} (certificate at /v1/cert.pem)\n` +
      'Ctrl-C stops everything.\n',
    );
  } catch (error) {
    process.stderr.write(`testenv: ${(error as Error).message}\n`);
    await cluster.stop();
    process.exit(2);
  }
}

void main();
