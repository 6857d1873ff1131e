import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';
import { exemptFromLinuxOnlyControls, exemptFromNonRootControls, podView, type PodView } from '../pod-security';
import { textOf } from '../text';
import { asMap } from '../values';
import type { Workload } from '../workloads';

/**
 * S13: the pod-level values admission refuses even when every container overrides them
 * (runAsNonRoot: false, runAsUser: 0, a seccomp profile other than RuntimeDefault or Localhost).
 * A3, S1 and S4 judge each container's effective value and report a wrong pod-level value a
 * container inherits; the one no container inherits is reported here, once per pod.
 */

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const ALLOWED_SECCOMP = new Set(['RuntimeDefault', 'Localhost']);

/** True when every container sets the field itself, so none inherits the pod's value. */
function everyContainerSets(pod: PodView, field: string): boolean {
  return pod.containers.length > 0 && pod.containers.every((c) => isSet(asMap(c.container.securityContext)[field]));
}

function problemsOf(workload: Workload, context: ReviewContext): string[] {
  const pod = podView(workload.podMetadata, workload.podSpec);
  const podContext = asMap(workload.podSpec.securityContext);
  const version = context.cluster.podSecurityVersion;
  const subject = `${workload.manifest.kind}/${workload.manifest.name}`;
  const problems: string[] = [];
  const tail = 'which the cluster refuses even though every container sets its own value';
  if (!exemptFromNonRootControls(workload.podSpec, version)) {
    if (isSet(podContext.runAsNonRoot) && podContext.runAsNonRoot !== true && everyContainerSets(pod, 'runAsNonRoot')) {
      problems.push(`${subject}: the pod securityContext sets runAsNonRoot: ${textOf(podContext.runAsNonRoot)}, ${tail} (restricted: runAsNonRoot != true) — set runAsNonRoot: true in the pod securityContext`);
    }
    if ((podContext.runAsUser === 0 || podContext.runAsUser === '0') && everyContainerSets(pod, 'runAsUser')) {
      problems.push(`${subject}: the pod securityContext sets runAsUser: 0, ${tail} (restricted: runAsUser=0) — change runAsUser to a non-zero uid such as 1000, or remove it`);
    }
  }
  const profile = podContext.seccompProfile;
  if (!exemptFromLinuxOnlyControls(workload.podSpec, version) && isSet(profile) && everyContainerSets(pod, 'seccompProfile')) {
    const type = asMap(profile).type;
    if (!(typeof type === 'string' && ALLOWED_SECCOMP.has(type))) {
      problems.push(`${subject}: the pod securityContext sets seccomp profile ${textOf(type ?? '(no type)')}, ${tail} (restricted: seccompProfile) — set seccompProfile: { type: RuntimeDefault } in the pod securityContext`);
    }
  }
  return problems;
}

export const S13: Check = {
  id: 'S13',
  slug: 'no-refused-pod-level-values',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'S',
  title: 'No refused pod-level value under container overrides',
  severity: 'CRITICAL',
  verifies:
    'Pod Security restricted refuses a pod whose securityContext sets runAsNonRoot: false, runAsUser: 0 or a seccomp profile other than RuntimeDefault/Localhost even when every container overrides it (A3, S1 and S4 judge the values containers inherit). Windows pods are exempt from the seccomp part and, from podSecurityVersion 1.35, user-namespace pods (hostUsers: false) from the non-root part, as admission exempts them.',
  fix: 'Set the pod securityContext to runAsNonRoot: true, a non-zero runAsUser (or none) and seccompProfile: { type: RuntimeDefault }.',
  run(context) {
    const results: CheckResult[] = [];
    for (const workload of context.workloads()) {
      const problems = problemsOf(workload, context);
      if (problems.length) results.push(...problems.map((message) => fail(message, workload.manifest)));
      else results.push(pass(workload.manifest));
    }
    return results;
  },
};
