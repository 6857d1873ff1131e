import { ClusterError } from './kube-api';

/** The package cluster commands talk to the API server with: an optional peer of vibe-env (~55 MB). */
export const KUBE_CLIENT_PACKAGE = '@kubernetes/client-node';
/** What to run to get it: the range vibe-env is tested with (package.json peerDependencies). */
export const KUBE_CLIENT_INSTALL = `npm install ${KUBE_CLIENT_PACKAGE}@~1.4.0`;

export type KubeClient = typeof import('@kubernetes/client-node');

/**
 * Loads `@kubernetes/client-node` when a command needs a cluster. Library users who never talk to
 * a cluster do not install it; without it the command stops with one line naming the install
 * command (exit 2), not a stack trace.
 */
export async function loadKubeClient(load: () => Promise<KubeClient> = () => import('@kubernetes/client-node')): Promise<KubeClient> {
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new ClusterError(
      `This command talks to a cluster and needs ${KUBE_CLIENT_PACKAGE}, which is not installed (it is an optional peer of vibe-env). Install it with: ${KUBE_CLIENT_INSTALL}`,
    );
  }
}

/** True when the package itself cannot be found (not when something inside it fails to load). */
function isMissing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return error.message.includes(`'${KUBE_CLIENT_PACKAGE}'`) || error.message.includes(`"${KUBE_CLIENT_PACKAGE}"`);
}
