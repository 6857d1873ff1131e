import type { KubeObject, KubeClient } from './kube-client';

/**
 * The pods a workload would make, as Pod objects: Pod Security's enforce mode judges Pods only
 * (on Deployments it only warns), and with no controller-manager nothing makes them, so the
 * tests create each one with dry-run to get admission's verdict.
 */
export function podsOf(object: Record<string, any>, namespace: string): KubeObject[] {
  const template =
    object.kind === 'Pod'
      ? { metadata: object.metadata, spec: object.spec }
      : object.kind === 'CronJob'
        ? object.spec?.jobTemplate?.spec?.template
        : ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'].includes(object.kind)
          ? object.spec?.template
          : undefined;
  if (!template?.spec) return [];
  const name = `${String(object.metadata?.name ?? 'pod').slice(0, 50)}-${object.kind.toLowerCase()}`.slice(0, 63);
  return [{ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: template.metadata?.labels }, spec: template.spec }];
}

/** Admission's verdict on one pod: admitted, or refused with the server's message. */
export interface AdmissionVerdict {
  readonly admitted: boolean;
  readonly message: string;
  readonly warnings: string[];
}

export async function admit(client: KubeClient, pod: KubeObject): Promise<AdmissionVerdict> {
  const response = await client.create(pod, { dryRun: true });
  const message = typeof response.body === 'object' ? String(response.body.message ?? '') : String(response.body);
  if (response.status === 201 || response.status === 200) return { admitted: true, message: '', warnings: response.warnings };
  if (response.status === 403 && /violates PodSecurity/.test(message)) return { admitted: false, message, warnings: response.warnings };
  // Anything else (a schema error, a missing namespace) is not a Pod Security verdict.
  throw new Error(`creating pod ${pod.metadata.name} (dry-run): HTTP ${response.status} ${message}`);
}

/** A namespace enforcing Pod Security `level` at `version` (`v1.28`, `latest`). */
export function podSecurityNamespace(name: string, level: string, version: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': version } },
  };
}
