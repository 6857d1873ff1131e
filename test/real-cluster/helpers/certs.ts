import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files a loopback API server needs, made fresh for each test run in its temp folder. */
export interface ClusterCerts {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

/** A throwaway CA, a serving certificate for 127.0.0.1 signed by it, and a service-account signing key. */
export function makeClusterCerts(dir: string): ClusterCerts {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-subj', '/CN=vibe-env-test-ca');
  openssl(
    'req', '-x509', ...ec, '-keyout', file('apiserver.key'), '-out', file('apiserver.crt'), '-subj', '/CN=kube-apiserver',
    '-CA', file('ca.crt'), '-CAkey', file('ca.key'),
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc',
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'extendedKeyUsage=serverAuth',
  );
  const sa = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  fs.writeFileSync(file('sa.key'), sa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.writeFileSync(file('sa.pub'), sa.publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    caCert: file('ca.crt'),
    serverCert: file('apiserver.crt'),
    serverKey: file('apiserver.key'),
    serviceAccountKey: file('sa.key'),
    serviceAccountPub: file('sa.pub'),
  };
}
