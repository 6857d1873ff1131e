import type { PodSecurityControl, PodSecurityLevel, PodSecurityViolation, VersionedRule } from './control';
import { capabilitiesBaseline, capabilitiesRestrictedControl } from './controls/capabilities';
import { hostNamespaces, hostPathVolumes, hostPorts, hostProbesAndHostLifecycle, privileged, windowsHostProcess } from './controls/host';
import { appArmorProfile, seLinuxOptionsControl } from './controls/linux-security-modules';
import { procMountBaseline, procMountRestricted, sysctlsControl } from './controls/proc-and-sysctls';
import { seccompProfileBaseline, seccompProfileRestricted } from './controls/seccomp';
import { allowPrivilegeEscalationControl, runAsNonRootControl, runAsUserControl } from './controls/users';
import { restrictedVolumes } from './controls/volumes';
import type { PodView } from './pod';
import type { PolicyMinor } from './version';

/** Every control of both levels, in the order of the standard's tables. */
export const POD_SECURITY_CONTROLS: readonly PodSecurityControl[] = [
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  appArmorProfile,
  seLinuxOptionsControl,
  procMountBaseline,
  seccompProfileBaseline,
  sysctlsControl,
  restrictedVolumes,
  allowPrivilegeEscalationControl,
  runAsNonRootControl,
  runAsUserControl,
  seccompProfileRestricted,
  capabilitiesRestrictedControl,
  procMountRestricted,
];

export function controlById(id: string): PodSecurityControl | undefined {
  return POD_SECURITY_CONTROLS.find((c) => c.id === id);
}

/** The rule of a control in force at a version: its newest at or below it. */
export function ruleAt(control: PodSecurityControl, minor: PolicyMinor): VersionedRule | undefined {
  let found: VersionedRule | undefined;
  for (const rule of control.rules) if (rule.since <= minor) found = rule;
  return found;
}

/**
 * The controls a level enforces at a version, each with its rule: baseline's; for restricted,
 * baseline's and its own, minus the baseline controls a restricted one in force replaces.
 */
export function controlsAt(level: PodSecurityLevel, minor: PolicyMinor): { control: PodSecurityControl; rule: VersionedRule }[] {
  const active = POD_SECURITY_CONTROLS.filter((c) => level === 'restricted' || c.level === 'baseline')
    .map((control) => ({ control, rule: ruleAt(control, minor) }))
    .filter((entry): entry is { control: PodSecurityControl; rule: VersionedRule } => entry.rule !== undefined);
  const replaced = new Set(active.flatMap(({ control }) => control.overrides ?? []));
  return active.filter(({ control }) => !replaced.has(control.id));
}

/** controlsAt per level and version, worked out once: a review judges every pod template with the same. */
const ENFORCED = new Map<string, readonly { control: PodSecurityControl; rule: VersionedRule }[]>();

function enforcedControls(level: PodSecurityLevel, minor: PolicyMinor): readonly { control: PodSecurityControl; rule: VersionedRule }[] {
  const key = `${level}:${minor}`;
  let controls = ENFORCED.get(key);
  if (!controls) ENFORCED.set(key, (controls = controlsAt(level, minor)));
  return controls;
}

/** Every control a pod breaks at a level and version. */
export function evaluatePod(pod: PodView, level: PodSecurityLevel, minor: PolicyMinor): PodSecurityViolation[] {
  const violations: PodSecurityViolation[] = [];
  for (const { control, rule } of enforcedControls(level, minor)) {
    const result = rule.check(pod);
    if (!result) continue;
    violations.push({
      ...result,
      control: control.id,
      title: control.title,
      level,
      message: `${level}: ${result.reason} (${result.detail})`,
      fix: control.fix,
    });
  }
  return violations;
}
