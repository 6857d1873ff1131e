import { ROLES } from '../../components/catalogue';
import { fail, pass, type CheckResult } from '../check';
import type { ReviewContext } from '../context';
import { exemptFromLinuxOnlyControls, exemptFromNonRootControls } from '../pod-security/exemptions';
import { textOf } from '../text';
import { asList, asMap, type ManifestMap } from '../values';
import { describeContainer, type ContainerRef, type Workload } from '../workloads';

/**
 * The four Pod Security "restricted" rules every container must meet (non-root, capabilities,
 * seccomp, no privilege escalation), shared by the checks that judge a pod's main container
 * (A3, A4, S1, S2) and by S4, which judges its helpers: init containers, sidecars and ephemeral
 * containers. Each container is judged by exactly one of the two, so one problem is one finding.
 */

/** The annotation `kubectl` reads to pick a pod's main container. */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * The pod's main container: the one named by `kubectl.kubernetes.io/default-container`, else the
 * first of `spec.containers` (the platform writes the app first, its mgmt sidecar after it).
 */
export function primaryContainer(workload: Workload): ContainerRef | undefined {
  const main = workload.containers.filter((c) => c.role === 'main');
  const named = asMap(workload.podMetadata.annotations)[DEFAULT_CONTAINER_ANNOTATION];
  return main.find((c) => named !== undefined && c.container.name === named) ?? main[0];
}

/** Every container but the main one: init containers, sidecars (native or not) and ephemeral containers. */
export function helperContainers(workload: Workload): ContainerRef[] {
  const primary = primaryContainer(workload);
  return workload.containers.filter((c) => c !== primary);
}

/** `Deployment/shop-app sidecar container "mgmt-sidecar"`, for S4's messages. */
export function describeHelper(ref: ContainerRef): string {
  const isSidecar = ref.role === 'main' || (ref.role === 'init' && ref.container.restartPolicy === 'Always');
  if (!isSidecar) return describeContainer(ref);
  return `${ref.workload.manifest.kind}/${ref.workload.manifest.name} sidecar container "${textOf(ref.container.name ?? '?')}"`;
}

/** `Deployment/shop-app`. */
export function describeWorkload(workload: Workload): string {
  return `${workload.manifest.kind}/${workload.manifest.name}`;
}

/**
 * One broken rule on one container. `fromPod` problems come from the pod securityContext (the
 * container inherits a missing or wrong pod value), so one change to the pod fixes them for every
 * container; the others are the container's own setting.
 */
export interface PodRuleProblem {
  readonly ref: ContainerRef;
  readonly fromPod: boolean;
  /** What is wrong, without the subject: `may run as root`. */
  readonly what: string;
  /** What to change: `add runAsNonRoot: true and runAsUser: 1000 to the pod securityContext`. */
  readonly fix: string;
}

/** A rule over one container; returns nothing when the container meets it. */
export type PodRule = (ref: ContainerRef, context: ReviewContext) => PodRuleProblem[];

const securityContextOf = (ref: ContainerRef): ManifestMap => asMap(ref.container.securityContext);
const podSecurityContextOf = (workload: Workload): ManifestMap => asMap(workload.podSpec.securityContext);

/**
 * The uid to suggest for a workload: its component's image user when the catalogue recognizes
 * it (postgres 999, the Redis exporter 59000), else the usual user of its role.
 */
export function suggestedUid(workload: Workload, context: ReviewContext): number {
  return context.componentOf(workload)?.uid ?? ROLES[context.roleOf(workload)].uid;
}

/**
 * A3 / S4: `runAsNonRoot: true` and a uid other than 0, the container's value overriding the pod's.
 * Pod Security "restricted" accepts `runAsNonRoot: true` with no `runAsUser` (the image's user
 * must then be non-zero, which the kubelet verifies).
 */
export const runsAsNonRoot: PodRule = (ref, context) => {
  // Pod Security exempts pods in a user namespace from 1.35 (root there is not root on the node).
  if (exemptFromNonRootControls(ref.workload.podSpec, context.cluster.podSecurityVersion)) return [];
  const own = securityContextOf(ref);
  const pod = podSecurityContextOf(ref.workload);
  const uid = suggestedUid(ref.workload, context);
  const problems: PodRuleProblem[] = [];
  const user = own.runAsUser ?? pod.runAsUser;
  if (isZero(user)) {
    const fromPod = own.runAsUser === undefined || own.runAsUser === null;
    problems.push({
      ref,
      fromPod,
      what: 'runs as root (runAsUser: 0)',
      fix: fromPod ? `change runAsUser to ${uid} in the pod securityContext` : `change runAsUser to ${uid} in its securityContext, or remove it to use the pod's user`,
    });
  }
  const nonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
  if (nonRoot !== true) {
    const fromPod = own.runAsNonRoot === undefined || own.runAsNonRoot === null;
    const explicitlyOff = nonRoot === false;
    const alsoUser = user === undefined || user === null ? ` and runAsUser: ${uid}` : '';
    problems.push({
      ref,
      fromPod,
      what: explicitlyOff ? 'allows running as root (runAsNonRoot: false)' : 'may run as root (nothing sets runAsNonRoot: true)',
      fix: fromPod
        ? explicitlyOff
          ? 'set runAsNonRoot: true in the pod securityContext'
          : `add runAsNonRoot: true${alsoUser} to the pod securityContext`
        : 'set runAsNonRoot: true in its securityContext',
    });
  }
  return problems;
};

/**
 * A4 / S4: `capabilities.drop` holds `ALL` and `add` holds nothing but `NET_BIND_SERVICE`. Both are
 * compared as Pod Security admission compares them: the exact capital word, so `drop: [All]` is
 * refused by the cluster and here.
 */
export const dropsAllCapabilities: PodRule = (ref, context) => {
  if (exemptFromLinuxOnlyControls(ref.workload.podSpec, context.cluster.podSecurityVersion)) return [];
  const capabilities = asMap(securityContextOf(ref).capabilities);
  const drop = asList(capabilities.drop).map(textOf);
  const add = asList(capabilities.add).map(textOf);
  const problems: PodRuleProblem[] = [];
  if (!drop.includes('ALL')) {
    const miscased = drop.find((c) => c.toUpperCase() === 'ALL');
    problems.push(
      miscased
        ? { ref, fromPod: false, what: `drops "${miscased}"`, fix: 'write it as ALL in capitals (the cluster compares the exact word and refuses the pod otherwise)' }
        : { ref, fromPod: false, what: 'keeps its Linux capabilities', fix: 'add capabilities: { drop: [ALL] } to its securityContext' },
    );
  }
  const added = add.filter((c) => c !== 'NET_BIND_SERVICE');
  if (added.length) {
    const onlyMiscased = added.every((c) => c.toUpperCase() === 'NET_BIND_SERVICE');
    problems.push({
      ref,
      fromPod: false,
      what: `adds back ${added.length === 1 ? 'capability' : 'capabilities'} ${added.join(', ')}`,
      fix: onlyMiscased
        ? 'write it as NET_BIND_SERVICE in capitals (the cluster compares the exact word)'
        : `remove ${added.length === 1 ? 'it' : 'them'} from capabilities.add (only NET_BIND_SERVICE may be added back)`,
    });
  }
  return problems;
};

const ALLOWED_SECCOMP = new Set(['RuntimeDefault', 'Localhost']);

/** S1 / S4: the effective seccomp profile (container's, else the pod's) is RuntimeDefault or Localhost. */
export const hasSeccompProfile: PodRule = (ref, context) => {
  if (exemptFromLinuxOnlyControls(ref.workload.podSpec, context.cluster.podSecurityVersion)) return [];
  const ownProfile = securityContextOf(ref).seccompProfile;
  const pod = asMap(podSecurityContextOf(ref.workload).seccompProfile).type;
  // A container's seccompProfile, once written, is its own (a profile without a valid type included).
  const fromPod = ownProfile === undefined || ownProfile === null;
  const type = fromPod ? pod : asMap(ownProfile).type;
  // A wrong pod-level profile that every container overrides is S13's.
  if (typeof type === 'string' && ALLOWED_SECCOMP.has(type)) return [];
  const unset = type === undefined || type === null;
  return [
    {
      ref,
      fromPod,
      what: unset ? 'has no seccomp profile' : `uses seccomp profile ${textOf(type)}`,
      fix: fromPod
        ? `${unset ? 'add' : 'set'} seccompProfile: { type: RuntimeDefault } ${unset ? 'to' : 'in'} the pod securityContext`
        : 'set seccompProfile: { type: RuntimeDefault } in its securityContext, or remove it to use the pod\'s',
    },
  ];
};

/** S2 / S4: `allowPrivilegeEscalation: false` on the container (the pod securityContext has no such field). */
export const forbidsPrivilegeEscalation: PodRule = (ref, context) => {
  if (exemptFromLinuxOnlyControls(ref.workload.podSpec, context.cluster.podSecurityVersion)) return [];
  const value = securityContextOf(ref).allowPrivilegeEscalation;
  if (value === false) return [];
  return [
    {
      ref,
      fromPod: false,
      what: value === true ? 'allows privilege escalation (allowPrivilegeEscalation: true)' : 'allows privilege escalation',
      fix: value === true ? 'set allowPrivilegeEscalation: false in its securityContext' : 'add allowPrivilegeEscalation: false to its securityContext',
    },
  ];
};


function isZero(value: unknown): boolean {
  return value === 0 || value === '0';
}

/** A rule with the name S4 uses to tell problems apart. */
export interface NamedPodRule {
  readonly name: string;
  readonly rule: PodRule;
}

export const RUNS_AS_NON_ROOT: NamedPodRule = { name: 'non-root', rule: runsAsNonRoot };
export const DROPS_ALL_CAPABILITIES: NamedPodRule = { name: 'capabilities', rule: dropsAllCapabilities };
export const HAS_SECCOMP_PROFILE: NamedPodRule = { name: 'seccomp', rule: hasSeccompProfile };
export const FORBIDS_PRIVILEGE_ESCALATION: NamedPodRule = { name: 'privilege-escalation', rule: forbidsPrivilegeEscalation };

/** The rules S4 applies to helper containers, each also applied by its own check to the main container. */
export const HELPER_RULES: readonly NamedPodRule[] = [RUNS_AS_NON_ROOT, DROPS_ALL_CAPABILITIES, HAS_SECCOMP_PROFILE, FORBIDS_PRIVILEGE_ESCALATION];

/**
 * One rule over every workload's main container (A3, A4, S1, S2): a pass per workload that meets
 * it; a failure per problem, naming the workload when the pod securityContext is what to change
 * and the container when its own setting is.
 */
export function judgeMainContainers(context: ReviewContext, rule: NamedPodRule): CheckResult[] {
  const results: CheckResult[] = [];
  for (const workload of context.workloads()) {
    const primary = primaryContainer(workload);
    if (!primary) continue;
    const problems = rule.rule(primary, context);
    if (!problems.length) results.push(pass(workload.manifest));
    for (const problem of problems) {
      const subject = problem.fromPod ? describeWorkload(workload) : describeContainer(primary);
      results.push(fail(`${subject} ${problem.what} — ${problem.fix}`, workload.manifest));
    }
  }
  return results;
}

/**
 * S4: the four rules over every helper container. A problem inherited from the pod securityContext
 * that the main container inherits too is left to A3/S1, whose message already says to change the
 * pod; the helper is reported only for what that change would not fix.
 */
export function judgeHelperContainers(context: ReviewContext): CheckResult[] {
  const results: CheckResult[] = [];
  for (const workload of context.workloads()) {
    const helpers = helperContainers(workload);
    if (!helpers.length) continue;
    const primary = primaryContainer(workload);
    const coveredByMain = new Set<string>();
    if (primary) {
      for (const { name, rule } of HELPER_RULES) {
        for (const problem of rule(primary, context)) if (problem.fromPod) coveredByMain.add(`${name}\u0000${problem.what}`);
      }
    }
    let failed = false;
    for (const ref of helpers) {
      for (const { name, rule } of HELPER_RULES) {
        for (const problem of rule(ref, context)) {
          if (problem.fromPod && coveredByMain.has(`${name}\u0000${problem.what}`)) continue;
          failed = true;
          const fix = problem.fromPod ? `${problem.fix} (or set it on this container alone)` : problem.fix;
          results.push(fail(`${describeHelper(ref)} ${problem.what} — ${fix}`, workload.manifest));
        }
      }
    }
    if (!failed) results.push(pass(workload.manifest));
  }
  return results;
}
