import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterError, KubeApi, type ApiRequest, type ClusterOptions } from './kube-api';
import { makeFolder } from '../io/make-folder';
import { writeFileAtomically } from '../seal/atomic-write';
import { loadSealingKey } from '../seal/certificate';

/** kubeseal's defaults, which the cluster config's `sealedSecrets` block and the flags override. */
export const DEFAULT_CONTROLLER = { name: 'sealed-secrets-controller', namespace: 'kube-system' } as const;

/** Where a fetched certificate is kept, relative to the project folder (the answers file's, else the working folder). */
export const CERT_CACHE = path.join('.vibe', 'sealed-secrets-cert.pem');

export interface FetchCertOptions extends ClusterOptions {
  readonly controllerName: string;
  readonly controllerNamespace: string;
  /** The cache file: compared with, then replaced by, what the controller serves. */
  readonly cacheFile: string;
}

/** The certificate's path through the API server's service proxy, as kubeseal --fetch-cert asks for it. */
function certificatePath(controllerNamespace: string, controllerName: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(controllerNamespace)}/services/http:${encodeURIComponent(controllerName)}:/proxy/v1/cert.pem`;
}

/**
 * Fetches the Sealed Secrets controller's certificate through the API server's service proxy,
 * checks it like a `--cert` file, warns on `stderr` when it differs from the cached one (a new
 * key, another cluster, or a reinstalled controller) and caches it for the next seal and for
 * `vibe review --cert`. The certificate is public: the cache is safe to commit.
 */
export async function fetchSealingKey(options: FetchCertOptions, stderr: NodeJS.WritableStream): Promise<KeyObject> {
  const api = await KubeApi.connect(options);
  const controller = `${options.controllerNamespace}/${options.controllerName}`;
  const request: ApiRequest = {
    method: 'GET',
    path: certificatePath(options.controllerNamespace, options.controllerName),
    accept: 'application/x-pem-file, text/plain, */*',
    access: { verb: 'get', resource: 'services/proxy', namespace: options.controllerNamespace },
    notFound:
      `No Sealed Secrets controller Service "${options.controllerName}" in namespace "${options.controllerNamespace}" at ${api.where} (404). ` +
      'Pass --controller-name and --controller-namespace, or set sealedSecrets.controllerName/controllerNamespace in the cluster config (kubeseal\'s defaults: sealed-secrets-controller in kube-system).',
  };
  const response = await api.send(request);
  if (response.status === 503) {
    throw new ClusterError(
      `The Sealed Secrets controller ${controller} at ${api.where} did not answer (503: no running controller pod behind its Service). ` +
        `Check: kubectl -n ${options.controllerNamespace} get pods.`,
    );
  }
  if (response.status < 200 || response.status > 299) throw api.refusal(request, response);

  const source = `the certificate served by ${controller} at ${api.server}`;
  const key = loadSealingKey(response.text, source, { field: '--fetch-cert' });
  const pem = `${response.text.trim()}\n`;
  const fresh = fingerprint(pem);
  const cached = readCached(options.cacheFile);
  const shown = path.relative(process.cwd(), options.cacheFile) || options.cacheFile;
  if (cached === undefined) {
    stderr.write(`Fetched the Sealed Secrets certificate from ${controller} at ${api.server} (SHA-256 ${fresh}); cached in ${shown}.\n`);
  } else if (cached.fingerprint !== fresh) {
    stderr.write(
      `warning: the Sealed Secrets certificate changed since the last seal: ${shown} had SHA-256 ${cached.fingerprint ?? '(unreadable)'}, ` +
        `${controller} at ${api.server} now serves SHA-256 ${fresh}. Values sealed before were sealed for the old key: they still open if the controller ` +
        'kept it (it keeps old keys when it renews), but not if it was reinstalled or this is another cluster — then seal every value again. ' +
        `${shown} now holds the new certificate.\n`,
    );
  }
  if (cached?.pem !== pem) {
    try {
      makeFolder(path.dirname(options.cacheFile));
      writeFileAtomically(options.cacheFile, pem);
    } catch (error) {
      // The cache helps the next seal; failing to write it must not stop this one.
      stderr.write(`warning: could not cache the certificate in ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); sealing with it anyway.
`);
    }
  }
  return key;
}

/** The SHA-256 fingerprint as openssl prints it (`AB:CD:…`): of the certificate, or of a bare public key's DER. */
function fingerprint(pem: string): string | undefined {
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  try {
    if (certificate) return new X509Certificate(certificate[0]).fingerprint256;
    const publicKey = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
    if (!publicKey) return undefined;
    const der = Buffer.from(publicKey[1].replace(/\s+/g, ''), 'base64');
    return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g) ?? []).join(':');
  } catch {
    return undefined;
  }
}

function readCached(file: string): { pem: string; fingerprint?: string } | undefined {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return { pem, fingerprint: fingerprint(pem) };
}
