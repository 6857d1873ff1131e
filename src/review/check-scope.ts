import type { CheckScope } from './check';
import type { ReviewContext } from './context';

/** Kinds that run pods (the review's workloads). */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;

/** Workload kinds whose pods keep running and serve (Jobs and CronJobs answer no probes). */
export const LONG_RUNNING_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'] as const;

/** Kinds that route traffic from outside the cluster into Services. */
export const ROUTE_KINDS = ['Ingress', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute', 'IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP'] as const;

/**
 * True when the review holds something the check judges: an object of one of its kinds (a
 * workload of one of its roles, when it names roles), or one of the other inputs it reads.
 * Outside its scope a check is not applicable and is not run.
 */
export function isInScope(scope: CheckScope, context: ReviewContext): boolean {
  if (scope.inputs?.some((input) => hasInput(context, input))) return true;
  if (scope.kinds === 'none') return false;
  if (scope.podTemplates) return scope.podTemplates === 'custom' ? context.podTemplateKinds.custom : context.podTemplateKinds.any;
  if (scope.namespaced && context.appNamespace === undefined) return false;
  if (scope.roles) {
    const kinds: readonly string[] = scope.kinds ?? WORKLOAD_KINDS;
    return context.workloadsWithRole(...scope.roles).some((workload) => kinds.includes(workload.manifest.kind));
  }
  if (scope.kinds === undefined) return true;
  return scope.kinds.some((kind) => context.ofKind(kind).length > 0);
}

function hasInput(context: ReviewContext, input: NonNullable<CheckScope['inputs']>[number]): boolean {
  const { inputs } = context;
  switch (input) {
    case 'dockerfiles':
      return (inputs.dockerfiles?.length ?? 0) > 0;
    case 'source':
      return inputs.sourceDir !== undefined;
    case 'logs':
      return (inputs.logs?.length ?? 0) > 0;
    case 'metrics':
      return (inputs.metrics?.length ?? 0) > 0;
  }
}

/** `long-running workloads of role app; Dockerfiles`, for the catalogue's documentation. */
export function scopeText(scope: CheckScope): string {
  const parts: string[] = [];
  const everySet = scope.namespaced ? 'every set that names an app namespace' : 'every manifest set';
  const kinds = scope.kinds === 'none' ? undefined : namedGroups(scope.kinds ?? WORKLOAD_KINDS).join(', ');
  if (scope.podTemplates) parts.push(scope.podTemplates === 'custom' ? 'pod templates of custom kinds' : 'pod templates of any kind');
  else if (scope.kinds === undefined && !scope.roles) parts.push(everySet);
  else if (kinds !== undefined) parts.push(scope.roles ? `${kinds} of role ${scope.roles.join(', ')}` : kinds);
  for (const input of scope.inputs ?? []) parts.push(INPUT_WORDS[input]);
  return parts.join('; ');
}

const INPUT_WORDS = { dockerfiles: 'Dockerfiles', source: 'source tree', logs: 'log samples', metrics: '/metrics samples' } as const;

const KIND_GROUPS: readonly [string, readonly string[]][] = [
  ['workloads', WORKLOAD_KINDS],
  ['long-running workloads', LONG_RUNNING_KINDS],
  ['routes', ROUTE_KINDS],
];

/** A kind list with whole groups written by their name. */
function namedGroups(kinds: readonly string[]): string[] {
  for (const [name, group] of KIND_GROUPS) {
    if (!group.every((kind) => kinds.includes(kind))) continue;
    const rest = kinds.filter((kind) => !group.includes(kind));
    return [name, ...namedGroups(rest)];
  }
  return [...kinds];
}
