import * as path from 'node:path';
import { clusterDescribe, goldenFolders, useCluster } from './helpers/cluster-suite';
import { expectOk, type KubeObject } from './helpers/kube-client';
import { admit, podsOf } from './helpers/pods';
import { applySealedSecretCrd } from './helpers/sealed-secrets-controller';
import { readManifestFolder } from '../cluster/helpers/live-namespace';

/**
 * What vibe-env synthesizes, applied to a real kube-apiserver with Pod Security admission: every
 * golden component combination applies server-side (dry-run, then for real) without a warning,
 * and restricted admission admits every pod its workloads would make.
 */
const { describeCluster, binaries } = clusterDescribe(__filename);

describeCluster('synthesized namespaces on a real API server', () => {
  const cluster = useCluster(binaries, async (c) => applySealedSecretCrd(c.client('admin')));

  describe.each(goldenFolders().map((dir) => [path.basename(dir), dir]))('%s', (_name, dir) => {
    const objects = readManifestFolder(dir) as KubeObject[];
    const namespace = objects.find((o) => o.kind === 'Namespace')!;
    const rest = objects.filter((o) => o !== namespace);

    it('applies server-side, dry-run first and then for real, with no warning', async () => {
      const admin = cluster().client('admin');
      const ns = expectOk(await admin.apply(namespace), 'applying the Namespace');
      expect(ns.warnings).toEqual([]);
      expect(ns.body.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
      for (const dryRun of [true, false]) {
        const results = [];
        for (const object of rest) {
          const response = await admin.apply(object, { dryRun });
          results.push({ object: `${object.kind}/${object.metadata.name}`, status: response.status, message: response.body?.message, warnings: response.warnings });
        }
        expect(results.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
        expect(results.filter((r) => r.warnings.length > 0)).toEqual([]);
      }
      // Applying the same set again changes nothing: what the server stored is what we wrote.
      // (The resourceVersion is not compared: the server bumps a PVC's on every no-op apply.)
      for (const object of rest) {
        const before = expectOk(await admin.get(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace), 'reading back');
        const again = expectOk(await admin.apply(object), `re-applying ${object.kind}/${object.metadata.name}`);
        expect(comparable(again.body)).toEqual(comparable(before.body));
      }
    });

    it('has every pod admitted by Pod Security restricted, with no warning', async () => {
      const admin = cluster().client('admin');
      const pods = rest.flatMap((o) => podsOf(o, namespace.metadata.name));
      expect(pods.length).toBeGreaterThan(0);
      const verdicts = [];
      for (const pod of pods) verdicts.push({ pod: pod.metadata.name, ...(await admit(admin, pod)) });
      expect(verdicts.filter((v) => !v.admitted || v.warnings.length)).toEqual([]);
    });

    it('fails a root, privileged pod in the same namespace: the namespace really enforces restricted', async () => {
      const admin = cluster().client('admin');
      const [pod] = rest.flatMap((o) => podsOf(o, namespace.metadata.name));
      const bad = structuredClone(pod);
      bad.metadata.name = 'root-probe';
      (bad.spec as any).containers[0].securityContext = { runAsUser: 0, runAsNonRoot: false, privileged: true };
      const verdict = await admit(admin, bad);
      expect(verdict.admitted).toBe(false);
      expect(verdict.message).toMatch(/violates PodSecurity "restricted:[^"]+": privileged/);
    });
  });
});

/** An object as stored, without the fields every write changes. */
function comparable(stored: Record<string, any>): Record<string, any> {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = stored.metadata;
  return { ...stored, metadata };
}
