import { ApiObject, type Chart } from 'cdk8s';

/**
 * cdk8s's construct metadata (`construct-metadata.json`, version 1.0.0), written beside the
 * manifests when `cdk8s synth` runs validation plugins (CDK8S_RECORD_CONSTRUCT_METADATA=true):
 * cdk8s-cli looks a violation's `resourceName` up in it to print the construct path.
 */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/** Whether to write it: as cdk8s's App decides. */
export function recordConstructMetadataFromEnv(): boolean {
  return process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}

/**
 * The key of an object in the metadata that no other object shares: cdk8s keys by
 * `metadata.name` alone, and in a VibeApp the Deployment, Service and PodDisruptionBudget of a
 * component share their name. `Deployment/shop/inventory-checker-app`.
 */
export function constructMetadataKey(kind: string, name: string, namespace?: string): string {
  return [kind, namespace, name].filter((part) => part).join('/');
}

/**
 * The metadata of the charts' objects: each under its unique key, and under its name as cdk8s
 * writes it (the first object of a name wins), so other plugins find their resources too.
 */
export function constructMetadataJson(charts: readonly Chart[]): string {
  const resources: Record<string, { path: string }> = {};
  for (const chart of charts) {
    for (const object of chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c))) {
      const entry = { path: object.node.path };
      resources[constructMetadataKey(object.kind, object.name, object.metadata.namespace)] = entry;
      resources[object.name] ??= entry;
    }
  }
  return `${JSON.stringify({ version: '1.0.0', resources }, null, 2)}\n`;
}

/** Reads the metadata cdk8s wrote beside the manifests, if any: its keys. */
export function constructMetadataKeys(text: string): ReadonlySet<string> {
  try {
    const parsed = JSON.parse(text) as { resources?: Record<string, unknown> };
    return new Set(Object.keys(parsed.resources ?? {}));
  } catch {
    return new Set();
  }
}
