import { STATEFUL_ROLES, type WorkloadRole } from '../../components/catalogue';
import { DEFAULT_SIZE, HELPER_SIZE, HPA_TABLE, SIZE_TABLE, SIZES, STATEFUL_MINIMUM_SIZE, type ResourceSpec, type Size } from '../../contract/sizes';
import type { ManifestObject } from '../../manifests/manifest-object';
import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';
import { ListsByKey } from '../lists-by-key';
import { describeContainer, type ContainerRef, type Workload } from '../workloads';
import { describeWorkload, primaryContainer } from './pod-rules';
import { asMap } from '../values';
import { compareQuantities, parseQuantity, sameQuantity } from './resources-quantity';
import { textOf } from '../text';

/**
 * Group F, Resources (WARNING): every container asks for a row of the t-shirt table, stateful
 * components for at least `md`, and the app scales with an HPA instead of a fixed replica count.
 *
 * F1–F3 judge init, main and sidecar containers; ephemeral containers cannot set resources.
 * Quantities are compared by value (`0.2` == `200m`, `1Gi` == `1024Mi`).
 */


/** The four values of a row, in the order they are shown: cpu request/limit, memory request/limit. */
const FIELDS = [
  ['requests', 'cpu', 'cpuRequest'],
  ['limits', 'cpu', 'cpuLimit'],
  ['requests', 'memory', 'memoryRequest'],
  ['limits', 'memory', 'memoryLimit'],
] as const;

type Values = Record<(typeof FIELDS)[number][2], unknown>;

function valuesOf(ref: ContainerRef): Values {
  const resources = asMap(ref.container.resources);
  const values = {} as Record<string, unknown>;
  for (const [section, resource, key] of FIELDS) values[key] = present(asMap(resources[section])[resource]);
  return values as Values;
}

function present(value: unknown): unknown {
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** Containers that can carry resources: init and main (sidecars included), not ephemeral. */
function sizedContainers(context: ReviewContext): ContainerRef[] {
  return context.containers().filter((ref) => ref.role !== 'ephemeral');
}

/**
 * The row the platform gives this container: `xs` for helpers (init containers, sidecars, nginx,
 * exporters), at least `md` for stateful components, the default size for the app.
 */
export function expectedSize(ref: ContainerRef, context: ReviewContext): Size {
  if (ref !== primaryContainer(ref.workload)) return HELPER_SIZE;
  const role = context.roleOf(ref.workload);
  if (role === 'nginx' || role === 'exporter') return HELPER_SIZE;
  if (STATEFUL_ROLES.includes(role)) return STATEFUL_MINIMUM_SIZE;
  return DEFAULT_SIZE;
}

/** `cpu 200m/500m, memory 256Mi/512Mi (request/limit)`. */
function describeRow(row: ResourceSpec): string {
  return `cpu ${row.cpuRequest}/${row.cpuLimit}, memory ${row.memoryRequest}/${row.memoryLimit} (request/limit)`;
}

function describeValues(values: Values): string {
  const show = (v: unknown) => (v === undefined ? 'none' : textOf(v));
  return `cpu ${show(values.cpuRequest)}/${show(values.cpuLimit)}, memory ${show(values.memoryRequest)}/${show(values.memoryLimit)} (request/limit)`;
}

/** F1 and F2: cpu and memory present in one section of every container. */
function presenceCheck(context: ReviewContext, section: 'requests' | 'limits'): CheckResult[] {
  return sizedContainers(context).map((ref) => {
    const values = asMap(asMap(ref.container.resources)[section]);
    const missing = (['cpu', 'memory'] as const).filter((r) => present(values[r]) === undefined);
    if (!missing.length) return pass(ref.workload.manifest);
    const size = expectedSize(ref, context);
    const row = SIZE_TABLE[size];
    const singular = section === 'requests' ? 'request' : 'limit';
    const what = missing.length === 2 ? `has no resource ${section}` : `has no ${missing[0]} ${singular}`;
    const [cpu, memory] = section === 'requests' ? [row.cpuRequest, row.memoryRequest] : [row.cpuLimit, row.memoryLimit];
    return fail(`${describeContainer(ref)} ${what} — set ${section}: { cpu: ${cpu}, memory: ${memory} } (size ${size} of the t-shirt table)`, ref.workload.manifest);
  });
}

const F1: Check = {
  id: 'F1',
  slug: 'resource-requests',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'F',
  title: 'Requests on every container',
  severity: 'WARNING',
  verifies: 'Every container, init containers and sidecars included, requests both cpu and memory.',
  fix: 'Set resources.requests (cpu and memory) from the t-shirt table: your size for the app, xs for init containers, sidecars, nginx and exporters.',
  run: (context) => presenceCheck(context, 'requests'),
};

const F2: Check = {
  id: 'F2',
  slug: 'resource-limits',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'F',
  title: 'Limits on every container',
  severity: 'WARNING',
  verifies: 'Every container, init containers and sidecars included, limits both cpu and memory.',
  fix: 'Set resources.limits (cpu and memory) from the t-shirt table: your size for the app, xs for init containers, sidecars, nginx and exporters.',
  run: (context) => presenceCheck(context, 'limits'),
};

/** The row whose four values equal the container's, compared by value. */
function matchingSize(values: Values): Size | undefined {
  return SIZES.find((size) => FIELDS.every(([, , key]) => sameQuantity(values[key], SIZE_TABLE[size][key])));
}

/** The smallest row at least as large as every value the container sets (values that are no quantity are ignored). */
function nearestSize(values: Values, floor: Size): Size {
  const start = SIZES.indexOf(floor);
  const fits = (size: Size) =>
    FIELDS.every(([, , key]) => values[key] === undefined || (compareQuantities(values[key], SIZE_TABLE[size][key]) ?? -1) <= 0);
  return SIZES.slice(start).find(fits) ?? SIZES[SIZES.length - 1];
}

const F3: Check = {
  id: 'F3',
  slug: 't-shirt-size',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'F',
  title: 'Resources are a t-shirt size',
  severity: 'WARNING',
  verifies:
    "Each container's cpu and memory requests and limits are exactly one row of the t-shirt table (xs, sm, md, lg, xl), compared by value (0.2 = 200m, 1Gi = 1024Mi). A container that sets no resources at all is left to F1/F2.",
  fix: 'Use one row of the t-shirt table for all four values: xs 50m/200m 64Mi/128Mi, sm 100m/300m 128Mi/256Mi, md 200m/500m 256Mi/512Mi, lg 500m/1000m 512Mi/1Gi, xl 1000m/2000m 1Gi/2Gi.',
  run(context) {
    const results: CheckResult[] = [];
    for (const ref of sizedContainers(context)) {
      const values = valuesOf(ref);
      if (FIELDS.every(([, , key]) => values[key] === undefined)) continue;
      if (matchingSize(values)) {
        results.push(pass(ref.workload.manifest));
        continue;
      }
      const invalid = FIELDS.map(([, , key]) => values[key]).filter((v) => v !== undefined && parseQuantity(v) === undefined);
      const suggestion = nearestSize(values, HELPER_SIZE);
      const note = invalid.length ? ` ("${invalid.map(textOf).join('", "')}" is not a Kubernetes quantity)` : '';
      results.push(
        fail(
          `${describeContainer(ref)} asks for ${describeValues(values)}${note}, which is no t-shirt size — use one row of the table for all four values, e.g. ${suggestion}: ${describeRow(SIZE_TABLE[suggestion])}`,
          ref.workload.manifest,
        ),
      );
    }
    return results;
  },
};

const ROLE_WORDS: Partial<Record<WorkloadRole, string>> = { database: 'a database', redis: 'redis', rabbitmq: 'rabbitmq' };

/** `a database`, `redis`; a product the platform does not run by its name (`MySQL`). */
function statefulWords(context: ReviewContext, workload: Workload): string {
  const component = context.componentOf(workload);
  return component && !component.platform ? component.title : (ROLE_WORDS[context.roleOf(workload)] ?? 'a stateful component');
}

const F4: Check = {
  id: 'F4',
  slug: 'stateful-at-least-md',
  scope: { roles: STATEFUL_ROLES },
  group: 'F',
  title: 'Stateful components at least md',
  severity: 'WARNING',
  verifies: `The main container of each database, redis and rabbitmq workload requests and limits at least the ${STATEFUL_MINIMUM_SIZE} row, value by value. Missing values are left to F1/F2.`,
  fix: `Give databases, redis and rabbitmq at least size ${STATEFUL_MINIMUM_SIZE}: ${describeRow(SIZE_TABLE[STATEFUL_MINIMUM_SIZE])}.`,
  run(context) {
    const minimum = SIZE_TABLE[STATEFUL_MINIMUM_SIZE];
    const results: CheckResult[] = [];
    for (const workload of context.workloadsWithRole(...STATEFUL_ROLES)) {
      const primary = primaryContainer(workload);
      if (!primary) continue;
      const values = valuesOf(primary);
      const comparisons = FIELDS.map(([, , key]) => compareQuantities(values[key], minimum[key]));
      if (comparisons.some((c) => c === undefined)) continue;
      if (comparisons.every((c) => c! >= 0)) {
        results.push(pass(workload.manifest));
        continue;
      }
      const size = nearestSize(values, STATEFUL_MINIMUM_SIZE);
      results.push(
        fail(
          `${describeWorkload(workload)} is ${statefulWords(context, workload)} sized below ${STATEFUL_MINIMUM_SIZE}, so it stalls or loses data under load: its container "${textOf(primary.container.name ?? '?')}" asks for ${describeValues(values)} — give it at least size ${size}: ${describeRow(SIZE_TABLE[size])}`,
          workload.manifest,
        ),
      );
    }
    return results;
  },
};

/** Kinds an HPA can scale. */
const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

const F5: Check = {
  id: 'F5',
  slug: 'autoscaled-replicas',
  scope: { kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'], roles: ['app'] },
  group: 'F',
  title: 'HPA present, no static replicas',
  severity: 'WARNING',
  verifies:
    'Every app workload (Deployment, StatefulSet, ReplicaSet) is the scaleTargetRef of a HorizontalPodAutoscaler in the set, and sets no static spec.replicas beside it.',
  fix: 'Add a HorizontalPodAutoscaler for the app with replicas from the size table and CPU 70% (12-hpa.yaml), and remove replicas from the Deployment.',
  run(context) {
    const results: CheckResult[] = [];
    const autoscalers = autoscalersByTarget(context);
    for (const workload of context.workloadsWithRole('app')) {
      if (!SCALABLE_KINDS.has(workload.manifest.kind)) continue;
      const replicas = workload.manifest.object.spec?.replicas;
      const hasReplicas = replicas !== undefined && replicas !== null;
      const hpa = autoscalerOf(workload, autoscalers);
      const subject = describeWorkload(workload);
      if (!hpa) {
        const scaling = HPA_TABLE[DEFAULT_SIZE];
        results.push(
          fail(
            `${subject} has no HorizontalPodAutoscaler — add one with scaleTargetRef ${subject}, CPU ${scaling.targetCpuUtilization}% and replicas from the size table (e.g. ${DEFAULT_SIZE}: ${scaling.minReplicas} to ${scaling.maxReplicas})${hasReplicas ? `, and remove replicas: ${textOf(replicas)}` : ''}`,
            workload.manifest,
          ),
        );
      } else if (hasReplicas) {
        results.push(
          fail(
            `${subject} sets replicas: ${textOf(replicas)} beside HorizontalPodAutoscaler/${hpa} — remove replicas; the autoscaler decides how many pods run, and every apply would reset it`,
            workload.manifest,
          ),
        );
      } else {
        results.push(pass(workload.manifest));
      }
    }
    return results;
  },
};

/** The HPAs of the set by the kind and name of their scaleTargetRef, in file order. */
function autoscalersByTarget(context: ReviewContext): ListsByKey<ManifestObject> {
  const byTarget = new ListsByKey<ManifestObject>();
  for (const hpa of context.ofKind('HorizontalPodAutoscaler')) {
    const target = asMap(hpa.object.spec?.scaleTargetRef);
    if (typeof target.kind === 'string' && typeof target.name === 'string') byTarget.add([target.kind, target.name], hpa);
  }
  return byTarget;
}

/** The name of the HPA whose scaleTargetRef is this workload. */
function autoscalerOf(workload: Workload, autoscalers: ListsByKey<ManifestObject>): string | undefined {
  const namespace = workload.manifest.namespace;
  return autoscalers.get([workload.manifest.kind, workload.manifest.name]).find((hpa) => {
    return namespace === undefined || hpa.namespace === undefined || hpa.namespace === namespace;
  })?.name;
}

export const RESOURCE_CHECKS: readonly Check[] = [F1, F2, F3, F4, F5];
