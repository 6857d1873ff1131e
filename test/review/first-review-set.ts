import { ManifestSet } from './golden-set';

/**
 * The article's "typical first review on a vibe-coded app": the sealed Inventory Checker with
 * exactly its five manifest faults (the sixth, plaintext logs, is in the log sample). Shared by
 * the first review and by `vibe review --fix` on it.
 */
export function vibeCodedInventoryChecker(): ManifestSet {
  const set = ManifestSet.golden();
  // 1. The image tag is ':latest'.
  set.container('app').image = 'harbor.internal.example.com/inventory-checker-app:latest';
  // 2. The app runs as root: nothing in the pod or the container says otherwise.
  for (const securityContext of [set.podSpec('app').securityContext, set.container('app').securityContext]) {
    delete securityContext.runAsNonRoot;
    delete securityContext.runAsUser;
    delete securityContext.runAsGroup;
  }
  // 3. No default-deny-ingress in 01-network-policies.yaml.
  set.remove('NetworkPolicy', 'default-deny-ingress');
  // 4. The credentials as a plain Secret in k8s/02-secrets.yaml instead of the SealedSecret.
  const sealed = set.get('SealedSecret');
  set.remove('SealedSecret', sealed.metadata.name);
  set.add('02-secrets.yaml', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: sealed.metadata.name, namespace: sealed.metadata.namespace, labels: sealed.metadata.labels },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: 'postgres://app:s3cret-pw@inventory-checker-postgres:5432/app',
      POSTGRES_PASSWORD: 's3cret-pw',
      REDIS_PASSWORD: 'r3dis-pw',
      REDIS_URL: 'redis://:r3dis-pw@inventory-checker-redis:6379',
    },
  });
  // 5. No prometheus.io/scrape annotation on the app's pods.
  delete set.deployment('app').spec.template.metadata.annotations['prometheus.io/scrape'];
  return set;
}

