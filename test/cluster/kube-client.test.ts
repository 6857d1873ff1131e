import { ClusterError } from '../../src/cluster/kube-api';
import { KUBE_CLIENT_INSTALL, loadKubeClient, type KubeClient } from '../../src/cluster/kube-client';

/** A load that fails as Node's require does when the package is not installed. */
function missing(name: string): () => Promise<KubeClient> {
  return () => Promise.reject(Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /app/lib/cluster/kube-api.js`), { code: 'MODULE_NOT_FOUND' }));
}

// Loading it when installed is what every cluster test does (through the compiled CLI: jest's
// CommonJS runtime cannot load the ESM package); a library user without it: test/compat.
describe('loading @kubernetes/client-node (an optional peer)', () => {
  it('without it, stops with one line naming the install command (a ClusterError: exit 2, no stack trace)', async () => {
    const error = await loadKubeClient(missing('@kubernetes/client-node')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as Error).message).toBe(
      'This command talks to a cluster and needs @kubernetes/client-node, which is not installed (it is an optional peer of vibe-env). Install it with: npm install @kubernetes/client-node@~1.4.0',
    );
    expect(KUBE_CLIENT_INSTALL).toBe('npm install @kubernetes/client-node@~1.4.0');
  });

  it('keeps the error of a package inside it that is missing (a broken install, not an absent one)', async () => {
    const error = await loadKubeClient(missing('openid-client')).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ClusterError);
    expect((error as Error).message).toMatch(/openid-client/);
  });
});
