import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';
import { describeContainer, type Workload } from '../workloads';
import {
  describeWorkload,
  FORBIDS_PRIVILEGE_ESCALATION,
  HAS_SECCOMP_PROFILE,
  judgeHelperContainers,
  judgeMainContainers,
} from './pod-rules';
import { textOf } from '../text';
import { asList, asMap } from '../values';

/**
 * Group S, Pod hardening (beyond the article: Pod Security "restricted"). CRITICAL except S5 and
 * S6 (WARNING).
 *
 * Who judges which container: S1 and S2 (like A3 and A4) judge each pod's main container, the one
 * named by `kubectl.kubernetes.io/default-container`, else the first of `spec.containers`. S4
 * judges every other container (init containers, sidecars in `containers` or native ones in
 * `initContainers`, ephemeral containers) on the same four rules, naming the container; a problem
 * the main container inherits from the pod too is left to A3/S1, whose fix (change the pod
 * securityContext) covers the helpers. S3 judges the pod and every container.
 */

const S1: Check = {
  id: 'S1',
  slug: 'seccomp-runtime-default',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'S',
  title: 'Seccomp profile RuntimeDefault',
  severity: 'CRITICAL',
  verifies:
    "Each pod's main container runs under the seccomp profile RuntimeDefault or Localhost, set on the pod securityContext or on the container (the container's value wins). Init containers and sidecars: S4.",
  fix: 'Add seccompProfile: { type: RuntimeDefault } to the pod securityContext.',
  run: (context) => judgeMainContainers(context, HAS_SECCOMP_PROFILE),
};

const S2: Check = {
  id: 'S2',
  slug: 'no-privilege-escalation',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'S',
  title: 'No privilege escalation',
  severity: 'CRITICAL',
  verifies:
    "Each pod's main container sets allowPrivilegeEscalation: false in its own securityContext (the pod securityContext has no such field). Init containers and sidecars: S4.",
  fix: 'Add allowPrivilegeEscalation: false to the container securityContext.',
  run: (context) => judgeMainContainers(context, FORBIDS_PRIVILEGE_ESCALATION),
};

const HOST_NAMESPACES = [
  ['hostNetwork', "the node's network"],
  ['hostPID', "the node's processes"],
  ['hostIPC', "the node's shared memory"],
] as const;

const S3: Check = {
  id: 'S3',
  slug: 'no-host-access',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'S',
  title: 'No privileged container or host access',
  severity: 'CRITICAL',
  verifies:
    'No container (init, sidecar and ephemeral included) is privileged or opens a hostPort, and no pod shares the host network, PID or IPC namespace or mounts a hostPath volume.',
  fix: 'Remove privileged: true, hostNetwork/hostPID/hostIPC, hostPort and hostPath volumes; use an emptyDir or a PersistentVolumeClaim for files and a Service for ports.',
  run(context) {
    const results: CheckResult[] = [];
    for (const workload of context.workloads()) {
      const problems = hostAccessProblems(workload);
      if (problems.length) results.push(...problems.map((message) => fail(message, workload.manifest)));
      else results.push(pass(workload.manifest));
    }
    return results;
  },
};

function hostAccessProblems(workload: Workload): string[] {
  const problems: string[] = [];
  const subject = describeWorkload(workload);
  const spec = workload.podSpec;
  for (const [field, what] of HOST_NAMESPACES) {
    if (spec[field] === true) problems.push(`${subject} shares ${what} (${field}: true) — remove ${field} from ${podSpecPath(workload)}`);
  }
  for (const volume of asList(spec.volumes).map(asMap)) {
    if (volume.hostPath === undefined || volume.hostPath === null) continue;
    const path = asMap(volume.hostPath).path;
    problems.push(
      `${subject} mounts the node's directory ${textOf(path ?? '(no path)')} (volume "${textOf(volume.name ?? '?')}" is a hostPath) — use an emptyDir for scratch files or a PersistentVolumeClaim for data`,
    );
  }
  for (const ref of workload.containers) {
    if (asMap(ref.container.securityContext).privileged === true) {
      problems.push(`${describeContainer(ref)} runs privileged, with full access to the node — remove privileged: true from its securityContext`);
    }
    for (const port of asList(ref.container.ports).map(asMap)) {
      const hostPort = port.hostPort;
      if (hostPort === undefined || hostPort === null || hostPort === 0 || hostPort === '0') continue;
      problems.push(`${describeContainer(ref)} opens port ${textOf(hostPort)} on the node (hostPort) — remove hostPort; a Service exposes the port inside the cluster`);
    }
  }
  return problems;
}

const S4: Check = {
  id: 'S4',
  slug: 'helper-containers-hardened',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'S',
  title: 'Init containers and sidecars hardened',
  severity: 'CRITICAL',
  verifies:
    "Every container other than the pod's main one (init containers, sidecars, ephemeral containers) meets A3, A4, S1 and S2: non-root, capabilities.drop: [ALL], seccomp RuntimeDefault/Localhost, allowPrivilegeEscalation: false.",
  fix: 'Give each init container and sidecar the same securityContext as the main container: runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, seccompProfile: { type: RuntimeDefault }.',
  run: judgeHelperContainers,
};

const S5: Check = {
  id: 'S5',
  slug: 'no-service-account-token',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'S',
  title: 'No service-account token mounted',
  severity: 'WARNING',
  verifies:
    "The effective automountServiceAccountToken of every pod is false: the pod's own field, else that of the ServiceAccount it uses when that is in the set, else Kubernetes' default (mounted).",
  fix: 'Add automountServiceAccountToken: false to the pod spec (the app never talks to the Kubernetes API).',
  run(context) {
    return context.workloads().map((workload) => {
      const message = tokenProblem(workload, context);
      return message ? fail(message, workload.manifest) : pass(workload.manifest);
    });
  },
};

function tokenProblem(workload: Workload, context: ReviewContext): string | undefined {
  const spec = workload.podSpec;
  const subject = describeWorkload(workload);
  const where = podSpecPath(workload);
  const own = spec.automountServiceAccountToken;
  if (own === false) return undefined;
  if (own === true) {
    return `${subject} sets automountServiceAccountToken: true, so its pods get a Kubernetes API token they do not need — set it to false in ${where}`;
  }
  const accountName = textOf(spec.serviceAccountName ?? spec.serviceAccount ?? 'default');
  const namespace = workload.manifest.namespace;
  const account = context
    .ofKind('ServiceAccount')
    .find((sa) => sa.name === accountName && (namespace === undefined || sa.namespace === undefined || sa.namespace === namespace));
  const inherited = account?.object.automountServiceAccountToken;
  if (inherited === false) return undefined;
  if (inherited === true) {
    return `${subject} mounts a Kubernetes API token because ServiceAccount/${accountName} sets automountServiceAccountToken: true — add automountServiceAccountToken: false to ${where}, or set it to false on the ServiceAccount`;
  }
  return `${subject} mounts a Kubernetes API token it does not need (nothing sets automountServiceAccountToken, and Kubernetes mounts it by default) — add automountServiceAccountToken: false to ${where}`;
}

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

const S6: Check = {
  id: 'S6',
  slug: 'pod-security-restricted',
  scope: { kinds: ['Namespace'] },
  group: 'S',
  title: 'Namespace enforces Pod Security restricted',
  severity: 'WARNING',
  verifies: `Every Namespace in the set carries the label ${ENFORCE_LABEL}: restricted, so the cluster itself refuses a pod that breaks these rules. Not applicable when the set has no Namespace.`,
  fix: `Add the label ${ENFORCE_LABEL}: restricted to the Namespace.`,
  run(context) {
    return context.ofKind('Namespace').map((namespace) => {
      const value = namespace.object.metadata?.labels?.[ENFORCE_LABEL];
      if (value === 'restricted') return pass(namespace);
      const subject = `Namespace/${namespace.name}`;
      return fail(
        value === undefined || value === null
          ? `${subject} does not enforce Pod Security — add the label ${ENFORCE_LABEL}: restricted`
          : `${subject} enforces Pod Security "${textOf(value)}", which lets unsafe pods in — change the label ${ENFORCE_LABEL} to restricted`,
        namespace,
      );
    });
  },
};

/** Where a workload keeps its pod spec, for messages: `spec.template.spec`. */
function podSpecPath(workload: Workload): string {
  switch (workload.manifest.kind) {
    case 'Pod':
      return 'the pod spec';
    case 'CronJob':
      return 'the pod spec (spec.jobTemplate.spec.template.spec)';
    default:
      return 'the pod spec (spec.template.spec)';
  }
}

export const POD_HARDENING_CHECKS: readonly Check[] = [S1, S2, S3, S4, S5, S6];
