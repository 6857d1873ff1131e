import { z } from 'zod';
import { ROLES, COMPONENTS } from '../components/catalogue';
import { answersSchema } from '../contract/answers';
import { clusterConfigSchema } from '../contract/cluster-config';
import { defaultClusterConfig } from '../contract/cluster-defaults';
import { COMPONENT_IMAGES, RUNTIME_IMAGES } from '../contract/images';
import { HEALTH_PATHS, METRICS_PATH, PORTS, PROBE_TIMEOUT_SECONDS, PROBE_TIMEOUT_WITH_DATABASE_SECONDS } from '../contract/ports';
import { HELPER_SIZE, HPA_TABLE, SIZE_TABLE, STATEFUL_MINIMUM_SIZE } from '../contract/sizes';
import { CATALOGUE } from '../review/catalogue';

/** A read-only document the server offers: the platform contract, the component catalogue. */
export interface McpResource {
  readonly uri: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  read(): unknown;
}

/**
 * The platform contract as data, from the constants the synthesizer and the checks use: ports,
 * health paths, probe timeouts, the t-shirt and autoscaling tables, images, the cluster
 * defaults, the schemas of the answers and the cluster config, and the check ids.
 */
const contract: McpResource = {
  uri: 'vibe://contract',
  name: 'contract',
  title: 'The platform contract',
  description: 'Ports, health endpoints, probe timeouts, t-shirt sizes, autoscaling, images, cluster defaults, the answers and cluster JSON Schemas, and the checks.',
  read: () => ({
    ports: PORTS,
    healthPaths: HEALTH_PATHS,
    metricsPath: METRICS_PATH,
    probeTimeoutSeconds: { minimum: PROBE_TIMEOUT_SECONDS, readinessWithDatabase: PROBE_TIMEOUT_WITH_DATABASE_SECONDS },
    sizes: SIZE_TABLE,
    statefulMinimumSize: STATEFUL_MINIMUM_SIZE,
    helperSize: HELPER_SIZE,
    autoscaling: HPA_TABLE,
    componentImages: COMPONENT_IMAGES,
    runtimeImages: RUNTIME_IMAGES,
    clusterDefaults: defaultClusterConfig(),
    answersSchema: z.toJSONSchema(answersSchema.omit({ secrets: true }), { io: 'input' }),
    clusterConfigSchema: z.toJSONSchema(clusterConfigSchema, { io: 'input' }),
    checks: CATALOGUE.map((c) => ({ id: c.id, slug: c.slug, severity: c.severity, title: c.title })),
  }),
};

/** The component catalogue: what the review recognizes and the synthesizer runs. */
const components: McpResource = {
  uri: 'vibe://components',
  name: 'components',
  title: 'The component catalogue',
  description: 'Every component the review recognizes (databases, caches, brokers, exporters): role, image names, ports, uid, data directory, platform image.',
  read: () => ({ roles: ROLES, components: COMPONENTS }),
};

export const RESOURCES: readonly McpResource[] = [contract, components];

/** JSON text of a resource: regular expressions as their source, functions (queries) left out. */
export function resourceJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof RegExp ? v.source : typeof v === 'function' ? undefined : v), 2);
}
