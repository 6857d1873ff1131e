import { clusterConfigSchema, type ClusterConfig } from '../../../src/contract/cluster-config';
import type { ManifestObject } from '../../../src/manifests/manifest-object';
import { GATE_CHECKS_OF_CONTROL } from '../../../src/review/checks/pod-security';
import { review } from '../../../src/review/engine';

/** The ids of the gate's checks that report Pod Security controls. */
const POD_SECURITY_CHECK_IDS = new Set(Object.values(GATE_CHECKS_OF_CONTROL).flat());

/** The gate's pod-security verdict on one object: the ids of the checks that refuse it (empty: admitted). */
export function gateRefusals(manifest: ManifestObject, cluster: ClusterConfig): string[] {
  const findings = review({ manifests: [manifest], cluster }).findings;
  return [...new Set(findings.filter((f) => POD_SECURITY_CHECK_IDS.has(f.id)).map((f) => f.id))].sort();
}

export function clusterAt(podSecurityVersion: string): ClusterConfig {
  return clusterConfigSchema.parse({ podSecurityVersion });
}

/** A Pod as a manifest object, for the gate. */
export function podManifest(object: Record<string, any>, file = 'pod.yaml'): ManifestObject {
  return { object, file, line: 1, apiVersion: 'v1', kind: 'Pod', name: object.metadata.name, namespace: object.metadata.namespace };
}
