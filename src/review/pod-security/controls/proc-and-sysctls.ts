import { textOf } from '../../text';
import { asList, asMap } from '../../values';
import { containersPhrase, joinQuote, sortedSet, type ControlResult, type PodSecurityControl } from '../control';
import { inUserNamespace, isSet, podSecurityContext, securityContextOf, type PodView } from '../pod';

/** Baseline: the /proc masks stay on, and only namespaced, isolated sysctls are set. */

function procMount(relaxForUserNamespace: boolean) {
  return (pod: PodView): ControlResult | undefined => {
    // 1.35 (baseline only): in a user namespace an unmasked /proc exposes nothing of the node.
    if (relaxForUserNamespace && inUserNamespace(pod.spec)) return undefined;
    const bad = pod.containers.filter((c) => {
      const value = securityContextOf(c).procMount;
      return isSet(value) && value !== 'Default';
    });
    if (!bad.length) return undefined;
    return {
      reason: 'procMount',
      detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(bad.map((c) => textOf(securityContextOf(c).procMount))))}`,
      paths: bad.map((c) => `${c.path}.securityContext.procMount`),
    };
  };
}

const PROC_MOUNT_FIX = 'remove procMount from the container securityContext (or set it to Default)';

export const procMountBaseline: PodSecurityControl = {
  id: 'procMount',
  title: '/proc Mount Type',
  level: 'baseline',
  fix: PROC_MOUNT_FIX,
  rules: [
    { since: 0, check: procMount(false) },
    { since: 35, check: procMount(true) },
  ],
};

export const procMountRestricted: PodSecurityControl = {
  id: 'procMount_restricted',
  title: '/proc Mount Type',
  level: 'restricted',
  overrides: ['procMount'],
  fix: PROC_MOUNT_FIX,
  rules: [{ since: 35, check: procMount(false) }],
};

/** The safe sysctls, by the version that added them. */
const SAFE_SYSCTLS: readonly (readonly [number, readonly string[]])[] = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function sysctls(safe: ReadonlySet<string>) {
  return (pod: PodView): ControlResult | undefined => {
    const forbidden: string[] = [];
    const paths: string[] = [];
    asList(podSecurityContext(pod).sysctls).forEach((item, index) => {
      const name = textOf(asMap(item).name ?? '');
      if (safe.has(name)) return;
      forbidden.push(name);
      paths.push(`spec.securityContext.sysctls[${index}].name`);
    });
    if (!forbidden.length) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
  };
}

export const sysctlsControl: PodSecurityControl = {
  id: 'sysctls',
  title: 'Sysctls',
  level: 'baseline',
  fix: `remove the sysctl from the pod securityContext; only the safe ones may be set (${SAFE_SYSCTLS.flatMap(([, names]) => names).join(', ')}, some from later Kubernetes versions)`,
  rules: SAFE_SYSCTLS.map(([since], index) => ({ since, check: sysctls(new Set(SAFE_SYSCTLS.slice(0, index + 1).flatMap(([, names]) => names))) })),
};
