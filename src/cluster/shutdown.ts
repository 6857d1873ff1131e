import { KubeApi, type ClusterOptions } from './kube-api';
import { listMany, readNamespaceObject, type LiveObject } from './live-objects';
import { DEPLOYMENT, NAMESPACE, objectPath, rbacResource, STATEFUL_SET, type ResourceType } from './resources';
import { VibeInputError, type InputProblem } from '../contract/errors';
import { DNS_LABEL } from '../contract/patterns';

export const SHUTDOWN_REASON_ANNOTATION = 'vibe-env.io/shutdown-reason';
export const SHUTDOWN_AT_ANNOTATION = 'vibe-env.io/shutdown-at';

/** Annotation values may be large, but a reason is a sentence, not a report. */
const MAX_REASON_LENGTH = 1024;
const MERGE_PATCH = 'application/merge-patch+json';

export interface ShutdownOptions extends ClusterOptions {
  readonly namespace?: string;
  readonly reason?: string;
  readonly dryRun?: boolean;
}

/** The flags' problems, all at once, before the cluster is contacted. */
export function checkShutdownFlags(options: ShutdownOptions): { namespace: string; reason: string } {
  const problems: InputProblem[] = [];
  const namespace = options.namespace ?? '';
  const reason = (options.reason ?? '').trim();
  if (!namespace) problems.push({ field: '--namespace', message: 'is required: the namespace to shut down. Example: --namespace platform-vibe-shop' });
  else if (!DNS_LABEL.test(namespace)) problems.push({ field: '--namespace', message: `got "${namespace}" — a namespace name is lowercase letters, digits and "-".` });
  if (!reason) problems.push({ field: '--reason', message: 'is required: why the app is stopped, recorded on the namespace. Example: --reason "G6: card numbers in logs"' });
  else if (/[\r\n]/.test(reason)) problems.push({ field: '--reason', message: 'must be one line.' });
  else if (reason.length > MAX_REASON_LENGTH) problems.push({ field: '--reason', message: `is ${reason.length} characters; keep it under ${MAX_REASON_LENGTH} (link to the incident instead).` });
  if (problems.length > 0) throw new VibeInputError(problems);
  return { namespace, reason };
}

/**
 * The platform's response to a violation: every Deployment and StatefulSet of the namespace is
 * scaled to zero through its scale subresource, then the namespace is annotated with the
 * reason and the time. Idempotent: workloads already at zero and a namespace already annotated
 * with the same reason are left alone. With `dryRun`, only GETs are sent.
 */
export async function shutdownNamespace(options: ShutdownOptions, out: NodeJS.WritableStream, now: Date = new Date()): Promise<void> {
  const { namespace, reason } = checkShutdownFlags(options);
  const dryRun = Boolean(options.dryRun);
  const api = await KubeApi.connect(options);
  const namespaceObject = await readNamespaceObject(api, namespace);
  const { objects } = await listMany(api, [{ type: DEPLOYMENT }, { type: STATEFUL_SET }], namespace);
  const workloads = objects.sort((a, b) => a.kind.localeCompare(b.kind) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));

  out.write(`${dryRun ? 'Dry run (nothing is changed): would shut' : 'Shutting'} down namespace ${namespace} at ${api.where}\n  reason: ${reason}\n`);
  let scaled = 0;
  let alreadyZero = 0;
  for (const workload of workloads) {
    const type: ResourceType = workload.kind === 'StatefulSet' ? STATEFUL_SET : DEPLOYMENT;
    const name = String(workload.metadata?.name);
    const replicas = replicasOf(workload);
    if (replicas === 0) {
      alreadyZero++;
      out.write(`  ${workload.kind}/${name}: already at 0 replicas\n`);
      continue;
    }
    scaled++;
    if (dryRun) {
      out.write(`  ${workload.kind}/${name}: would scale ${replicas} → 0 replicas\n`);
      continue;
    }
    await api.json({
      method: 'PATCH',
      path: objectPath(type, namespace, name, 'scale'),
      body: { spec: { replicas: 0 } },
      contentType: MERGE_PATCH,
      access: { verb: 'patch', resource: rbacResource(type, 'scale'), namespace },
      notFound: `${workload.kind}/${name} disappeared from namespace "${namespace}" while shutting it down; run vibe shutdown again to check the rest.`,
    });
    out.write(`  ${workload.kind}/${name}: scaled ${replicas} → 0 replicas\n`);
  }
  if (workloads.length === 0) out.write('  no Deployment or StatefulSet in the namespace\n');

  const annotations: Record<string, string> = namespaceObject.metadata?.annotations ?? {};
  const annotated = annotations[SHUTDOWN_REASON_ANNOTATION] === reason;
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (annotated) {
    out.write(`  Namespace/${namespace}: already annotated with this reason (shut down at ${annotations[SHUTDOWN_AT_ANNOTATION] ?? 'an unrecorded time'})\n`);
  } else if (dryRun) {
    out.write(`  Namespace/${namespace}: would annotate ${SHUTDOWN_REASON_ANNOTATION} and ${SHUTDOWN_AT_ANNOTATION}=${at}\n`);
  } else {
    await api.json({
      method: 'PATCH',
      path: objectPath(NAMESPACE, undefined, namespace),
      body: { metadata: { annotations: { [SHUTDOWN_REASON_ANNOTATION]: reason, [SHUTDOWN_AT_ANNOTATION]: at } } },
      contentType: MERGE_PATCH,
      access: { verb: 'patch', resource: 'namespaces', namespace },
    });
    out.write(`  Namespace/${namespace}: annotated ${SHUTDOWN_REASON_ANNOTATION} and ${SHUTDOWN_AT_ANNOTATION}=${at}\n`);
  }

  out.write(`${summary(dryRun, scaled, alreadyZero, annotated)}\n`);
  if (scaled > 0) {
    out.write(
      'Note: if ArgoCD syncs this namespace with selfHeal, it puts back the replica counts written in Git (databases, nginx, exporters). ' +
        'Turn off auto-sync for the app first (argocd app set <app> --sync-policy none). An HPA does not scale a workload up from 0.\n',
    );
  }
}

function summary(dryRun: boolean, scaled: number, alreadyZero: number, annotated: boolean): string {
  const workloads = (n: number) => `${n} workload${n === 1 ? '' : 's'}`;
  if (dryRun) return `Dry run: would scale ${workloads(scaled)} to 0 (${alreadyZero} already at 0)${annotated ? '' : ' and annotate the namespace'}; nothing was changed.`;
  if (scaled === 0 && annotated) return `Nothing to do: every workload is at 0 and the namespace is annotated already (${workloads(alreadyZero)}).`;
  return `Done: ${workloads(scaled)} scaled to 0, ${alreadyZero} already at 0${annotated ? '' : '; namespace annotated'}. Pods stop within their termination grace period.`;
}

/** The API server defaults replicas to 1; an HPA-managed workload has its current count here. */
function replicasOf(workload: LiveObject): number {
  return typeof workload.spec?.replicas === 'number' ? workload.spec.replicas : 1;
}
