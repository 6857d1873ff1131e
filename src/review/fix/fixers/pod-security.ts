import { helperContainers, HELPER_RULES, primaryContainer, suggestedUid, type NamedPodRule } from '../../checks/pod-rules';
import { DROPS_ALL_CAPABILITIES, FORBIDS_PRIVILEGE_ESCALATION, HAS_SECCOMP_PROFILE, RUNS_AS_NON_ROOT } from '../../checks/pod-rules';
import { textOf } from '../../text';
import type { ContainerRef, Workload } from '../../workloads';
import type { Fixer, FixRun } from '../fixer';
import { editWorkload, type PodPaths } from '../pod-paths';
import { deleteAt, listAt, setAt, valueAt } from '../yaml-edit';

/**
 * A3, A4, S1, S2 (each pod's main container) and S4 (its helpers): the securityContext fields of
 * Pod Security "restricted", with the values the contract gives (the role's uid, RuntimeDefault,
 * drop ALL). A value inherited from the pod is set on the pod, a container's own on the container.
 */

type Which = 'main' | 'helpers';

function containersOf(workload: Workload, which: Which): ContainerRef[] {
  if (which === 'helpers') return helperContainers(workload);
  const primary = primaryContainer(workload);
  return primary ? [primary] : [];
}

/** The edits that meet one rule for one container; true when anything changed. */
const EDITS: Readonly<Record<string, (run: FixRun, paths: PodPaths, ref: ContainerRef) => boolean>> = {
  [RUNS_AS_NON_ROOT.name]: (run, paths, ref) => {
    const { document } = paths;
    const own = [...paths.container(ref), 'securityContext'];
    const pod = [...paths.spec, 'securityContext'];
    const uid = suggestedUid(ref.workload, run.context);
    let changed = false;
    // The user and, as the contract's pods have it, the group of that uid (never root's group 0),
    // unless the container sets a group of its own.
    const setUser = (at: readonly (string | number)[]) => {
      changed = setAt(document, [...at, 'runAsUser'], uid) || changed;
      const group = valueAt(document, [...at, 'runAsGroup']);
      const ownGroup = at === pod ? valueAt(document, [...own, 'runAsGroup']) : undefined;
      if ((group === undefined || isZero(group)) && ownGroup === undefined) changed = setAt(document, [...at, 'runAsGroup'], uid) || changed;
    };
    if (isZero(valueAt(document, [...own, 'runAsUser']))) setUser(own);
    if (valueAt(document, [...own, 'runAsNonRoot']) === false) changed = setAt(document, [...own, 'runAsNonRoot'], true) || changed;
    const ownUser = valueAt(document, [...own, 'runAsUser']);
    const podUser = valueAt(document, [...pod, 'runAsUser']);
    if (ownUser === undefined && isZero(podUser)) setUser(pod);
    const ownNonRoot = valueAt(document, [...own, 'runAsNonRoot']);
    if (ownNonRoot === undefined && valueAt(document, [...pod, 'runAsNonRoot']) !== true) {
      changed = setAt(document, [...pod, 'runAsNonRoot'], true) || changed;
      if (ownUser === undefined && podUser === undefined) setUser(pod);
    }
    return changed;
  },
  [DROPS_ALL_CAPABILITIES.name]: (_run, paths, ref) => {
    const { document } = paths;
    const capabilities = [...paths.container(ref), 'securityContext', 'capabilities'];
    const drop = listAt(document, [...capabilities, 'drop']).map(textOf);
    const add = listAt(document, [...capabilities, 'add']).map(textOf);
    let changed = false;
    if (!drop.includes('ALL')) {
      const kept = drop.filter((c) => c.toUpperCase() !== 'ALL');
      changed = setAt(document, [...capabilities, 'drop'], ['ALL', ...kept]) || changed;
    }
    const allowed = add.filter((c) => c.toUpperCase() === 'NET_BIND_SERVICE').map(() => 'NET_BIND_SERVICE').slice(0, 1);
    if (add.length > 0 && (allowed.length !== add.length || add[0] !== 'NET_BIND_SERVICE')) {
      changed = (allowed.length ? setAt(document, [...capabilities, 'add'], allowed) : deleteAt(document, [...capabilities, 'add'])) || changed;
    }
    return changed;
  },
  [HAS_SECCOMP_PROFILE.name]: (_run, paths, ref) => {
    const { document } = paths;
    const own = [...paths.container(ref), 'securityContext', 'seccompProfile'];
    if (valueAt(document, own) !== undefined) {
      const typed = setAt(document, [...own, 'type'], 'RuntimeDefault');
      return deleteAt(document, [...own, 'localhostProfile']) || typed;
    }
    return setAt(document, [...paths.spec, 'securityContext', 'seccompProfile'], { type: 'RuntimeDefault' });
  },
  [FORBIDS_PRIVILEGE_ESCALATION.name]: (_run, paths, ref) =>
    setAt(paths.document, [...paths.container(ref), 'securityContext', 'allowPrivilegeEscalation'], false),
};

function hardening(id: string, which: Which, rules: readonly NamedPodRule[]): Fixer {
  return {
    id,
    fix(run) {
      for (const workload of run.context.workloads()) {
        for (const ref of containersOf(workload, which)) {
          for (const rule of rules) {
            const problems = rule.rule(ref, run.context);
            if (problems.length === 0) continue;
            const changed = editWorkload(run, workload, (paths) => EDITS[rule.name](run, paths, ref));
            const subject = `container "${textOf(ref.container.name ?? '?')}"`;
            if (changed) run.fixed(workload.manifest, `${subject}: ${problems.map((p) => p.fix).join('; ')}`);
          }
        }
      }
    },
  };
}

export const POD_SECURITY_FIXERS: readonly Fixer[] = [
  hardening('A3', 'main', [RUNS_AS_NON_ROOT]),
  hardening('A4', 'main', [DROPS_ALL_CAPABILITIES]),
  hardening('S1', 'main', [HAS_SECCOMP_PROFILE]),
  hardening('S2', 'main', [FORBIDS_PRIVILEGE_ESCALATION]),
  hardening('S4', 'helpers', HELPER_RULES),
  {
    id: 'S5',
    fix(run) {
      for (const workload of run.context.workloads()) {
        if (workload.podSpec.automountServiceAccountToken === false) continue;
        const changed = editWorkload(run, workload, (paths) => setAt(paths.document, [...paths.spec, 'automountServiceAccountToken'], false));
        if (changed) run.fixed(workload.manifest, 'set automountServiceAccountToken: false in the pod spec');
      }
    },
  },
];

function isZero(value: unknown): boolean {
  return value === 0 || value === '0';
}
