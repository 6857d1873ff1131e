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
  // Fixture names may not be valid object names (`capabilities_baseline0`): made valid, as the verdict is about the spec.
  const base = String(object.metadata?.name ?? 'pod').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 50);
  const name = `${base}-${object.kind.toLowerCase()}`;
  return [{ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: template.metadata?.labels, annotations: template.metadata?.annotations }, spec: template.spec }];
}

/**
 * The server's verdict on one pod: admitted, refused by Pod Security, or invalid — refused by the
 * API's own validation before admission runs (seccomp on a Windows pod, privileged without
 * privilege escalation), which is no Pod Security verdict.
 */
export interface AdmissionVerdict {
  readonly verdict: 'admitted' | 'refused' | 'invalid';
  readonly admitted: boolean;
  readonly message: string;
  readonly warnings: string[];
}

export async function admit(client: KubeClient, pod: KubeObject): Promise<AdmissionVerdict> {
  const response = await client.create(pod, { dryRun: true });
  const message = typeof response.body === 'object' ? String(response.body.message ?? '') : String(response.body);
  const { warnings } = response;
  if (response.status === 201 || response.status === 200) return { verdict: 'admitted', admitted: true, message: '', warnings };
  if (response.status === 403 && /violates PodSecurity/.test(message)) return { verdict: 'refused', admitted: false, message, warnings };
  if (response.status === 422) return { verdict: 'invalid', admitted: false, message, warnings };
  // Anything else (a missing namespace, no right) is a broken test, not a verdict.
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
