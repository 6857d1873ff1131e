import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expectOk, type KubeClient, type KubeObject } from './kube-client';
import { freePort, waitUntil } from './processes';
import type { TestCluster } from './test-cluster';
import { ROOT } from '../../helpers/cli';

export const CONTROLLER_NAMESPACE = 'kube-system';

/** Why the controller cannot run out of cluster here, or `undefined` when it can. */
export function controllerUnavailable(): string | undefined {
  // The controller only knows rest.InClusterConfig(), whose token and CA paths are fixed under
  // /var/run/secrets: it runs in a private mount namespace with our files bound over /run.
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `unshare --mount is not permitted here (${probe.stderr.trim() || `exit ${probe.status}`}): the Sealed Secrets controller reads its credentials only from /var/run/secrets`;
}

/**
 * The Bitnami Sealed Secrets controller, out of cluster against the test API server: the CRD from
 * crds/ applied, the controller started with its service-account files and listening on
 * 127.0.0.1; it generates its own key pair in kube-system at start, as in a cluster.
 * Returns the controller's HTTP base URL (`/v1/cert.pem`).
 */
export async function startSealedSecretsController(cluster: TestCluster, binary: string): Promise<string> {
  await applySealedSecretCrd(cluster.client('admin'));
  const run = path.join(cluster.dir, 'controller-run');
  const sa = path.join(run, 'secrets', 'kubernetes.io', 'serviceaccount');
  fs.mkdirSync(sa, { recursive: true });
  fs.writeFileSync(path.join(sa, 'token'), cluster.tokens.controller, { mode: 0o600 });
  fs.copyFileSync(cluster.certs.caCert, path.join(sa, 'ca.crt'));
  fs.writeFileSync(path.join(sa, 'namespace'), CONTROLLER_NAMESPACE);

  const port = await freePort();
  const metricsPort = await freePort();
  // unshare execs the shell, which execs the controller: the pid we hold is the controller's.
  const script = 'mount --bind "$0" /run && exec "$@"';
  const controller = cluster.spawn('sealed-secrets-controller', 'unshare', [
    '--mount', '--propagation', 'private', 'sh', '-c', script, run,
    binary, `--listen-addr=127.0.0.1:${port}`, `--listen-metrics-addr=127.0.0.1:${metricsPort}`, '--key-renew-period=0',
  ], {
    ...process.env,
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: String(cluster.port),
    POD_NAMESPACE: CONTROLLER_NAMESPACE,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntil('serving its certificate', async () => (await fetch(`${base}/v1/cert.pem`)).ok, 90_000, controller);
  return base;
}

/** The SealedSecret CRD kept in crds/, applied and served. */
export async function applySealedSecretCrd(admin: KubeClient): Promise<void> {
  const crd = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'crds', 'sealedsecrets.bitnami.com.yaml'), 'utf8'))
    .map((d) => d.toJS() as KubeObject)
    .find((o) => o?.kind === 'CustomResourceDefinition')!;
  expectOk(await admin.apply(crd), 'applying the SealedSecret CRD');
  await waitUntil('serving the SealedSecret CRD', async () => (await admin.request('GET', '/apis/bitnami.com/v1alpha1')).status === 200, 30_000);
}
