import { fail, pass, type Check, type CheckResult } from '../check';
import type { ReviewContext } from '../context';
import {
  controlById,
  parsePolicyVersion,
  podView,
  restrictedVolumesDetail,
  restrictedVolumeUses,
  RESTRICTED_VOLUMES_REASON,
  versionLabel,
  type PodSecurityViolation,
} from '../pod-security';
import { S13 } from './pod-security-overrides';
import type { JudgedTemplate } from '../pod-security/judged';

/**
 * Group S, the Pod Security controls with no home in A3, A4, S1–S4 (S13: what those leave, see its file) (which judge non-root,
 * capabilities, seccomp, privilege escalation, privileged, host namespaces, host ports and
 * hostPath): each judged by src/review/pod-security at level restricted (what S6 has every
 * namespace enforce) and the cluster config's podSecurityVersion, in admission's own words.
 */

/** Which check of the gate reports each control of the standard, so no control is reported twice. */
export const GATE_CHECKS_OF_CONTROL: Readonly<Record<string, readonly string[]>> = {
  // S13: a wrong pod-level value every container overrides.
  runAsNonRoot: ['A3', 'S4', 'S13'],
  runAsUser: ['A3', 'S4', 'S13'],
  capabilities_restricted: ['A4', 'S4'],
  capabilities_baseline: ['A4', 'S4'],
  seccompProfile_restricted: ['S1', 'S4', 'S13'],
  seccompProfile_baseline: ['S1', 'S4'],
  allowPrivilegeEscalation: ['S2', 'S4'],
  privileged: ['S3'],
  hostNamespaces: ['S3'],
  hostPorts: ['S3'],
  hostPathVolumes: ['S3'],
  // S3 reports hostPath volumes (at restricted admission names them as a restricted volume type).
  restrictedVolumes: ['S7', 'S3'],
  appArmorProfile: ['S8'],
  seLinuxOptions: ['S8'],
  procMount: ['S9'],
  procMount_restricted: ['S9'],
  sysctls: ['S9'],
  hostProbesAndHostLifecycle: ['S10'],
  windowsHostProcess: ['S11'],
};

/** A workload's pod template as the review's facts hold it (judged once when the context is made). */
function judgedTemplates(context: ReviewContext): readonly JudgedTemplate[] {
  if (context.podSecurity instanceof Error) throw context.podSecurity;
  return context.podSecurity;
}

function subjectOf(entry: JudgedTemplate): string {
  const what = `${entry.manifest.kind}/${entry.manifest.name}`;
  return entry.template.custom ? `${what} (its pod template, ${entry.template.prefix.replace(/\.$/, '')})` : what;
}

/** `Deployment/shop-app is refused by Pod Security (restricted:v1.28): … at spec.template.spec.volumes[0].nfs — fix`. */
function messageOf(entry: JudgedTemplate, violation: PodSecurityViolation, version: string): string {
  const paths = violation.paths.map((p) => entry.template.prefix + p);
  const where = paths.length ? ` at ${paths.join(', ')}` : '';
  return `${subjectOf(entry)} is refused by Pod Security (${violation.level}:${version}): ${violation.message}${where} — ${violation.fix}`;
}

/**
 * A violation as this check reports it: S7 leaves hostPath volumes of built-in kinds to S3 (one
 * problem, one finding) and keeps the other refused volumes in admission's words.
 */
function reportable(check: string, entry: JudgedTemplate, violation: PodSecurityViolation): PodSecurityViolation | undefined {
  if (check !== 'S7' || entry.template.custom) return violation;
  const uses = restrictedVolumeUses(podView(entry.template.metadata, entry.template.spec)).filter((u) => u.type !== 'hostPath');
  if (!uses.length) return undefined;
  const detail = restrictedVolumesDetail(uses);
  return { ...violation, detail, paths: uses.map((u) => u.path), message: `${violation.level}: ${RESTRICTED_VOLUMES_REASON} (${detail})` };
}

interface PodSecurityCheckSpec {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly verifies: string;
  readonly fix: string;
  /** The controls it reports; for pod templates of custom kinds also those of `customOnly`. */
  readonly controls: readonly string[];
  /** Only pod templates of custom kinds (the built-in kinds' are judged by A3, A4, S1–S4). */
  readonly customOnly?: boolean;
}

function podSecurityCheck(spec: PodSecurityCheckSpec): Check {
  const controls = new Set(spec.controls);
  return {
    id: spec.id,
    slug: spec.slug,
    // Pod templates of any kind, custom kinds included: no kind list can name them all.
    scope: { podTemplates: spec.customOnly ? 'custom' : 'any' },
    group: 'S',
    title: spec.title,
    severity: 'CRITICAL',
    verifies: spec.verifies,
    fix: spec.fix,
    run(context) {
      const version = versionLabel(parsePolicyVersion(context.cluster.podSecurityVersion) ?? 0);
      const results: CheckResult[] = [];
      for (const entry of judgedTemplates(context)) {
        if (spec.customOnly && !entry.template.custom) continue;
        const failures = entry.violations
          .filter((v) => controls.has(v.control))
          .map((v) => reportable(spec.id, entry, v))
          .filter((v): v is PodSecurityViolation => v !== undefined);
        if (!failures.length) results.push(pass(entry.manifest));
        for (const violation of failures) results.push(fail(messageOf(entry, violation, version), entry.manifest));
      }
      return results;
    },
  };
}

const titles = (ids: readonly string[]): string => ids.map((id) => controlById(id)?.title ?? id).join(', ');

const VERSIONED = 'by the rules of the cluster config\'s podSecurityVersion (default 1.28; latest = the newest rules)';

const S7 = podSecurityCheck({
  id: 'S7',
  slug: 'allowed-volume-types',
  title: 'Only allowed volume types',
  controls: ['restrictedVolumes'],
  verifies: `Pod Security restricted "${titles(['restrictedVolumes'])}": every volume of every pod template is a configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volume (no nfs, iscsi, rbd, gitRepo, cephfs, cloud disks, …). hostPath volumes: S3.`,
  fix: 'Replace the volume with a persistentVolumeClaim (a StorageClass provides nfs, iscsi or cloud disks behind it) or an emptyDir for scratch files.',
});

const S8 = podSecurityCheck({
  id: 'S8',
  slug: 'apparmor-selinux-not-loosened',
  title: 'AppArmor and SELinux not loosened',
  controls: ['appArmorProfile', 'seLinuxOptions'],
  verifies: `Pod Security baseline "${titles(['appArmorProfile', 'seLinuxOptions'])}": no AppArmor profile other than RuntimeDefault or Localhost (the appArmorProfile field of the pod and of each container, and the container.apparmor.security.beta.kubernetes.io annotations), and no seLinuxOptions with a user, a role or a type other than container_t, container_init_t, container_kvm_t (and container_engine_t from 1.31), ${VERSIONED}.`,
  fix: 'Remove the Unconfined AppArmor profile and the seLinuxOptions; the runtime\'s defaults confine the container.',
});

const S9 = podSecurityCheck({
  id: 'S9',
  slug: 'default-proc-mount-safe-sysctls',
  title: 'Default /proc mount and safe sysctls',
  controls: ['procMount', 'procMount_restricted', 'sysctls'],
  verifies: `Pod Security "${titles(['procMount', 'sysctls'])}": no container sets procMount other than Default (at restricted even with hostUsers: false), and the pod sets only the safe sysctls of its version (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start; more from 1.27, 1.29, 1.32 and 1.37), ${VERSIONED}.`,
  fix: 'Remove procMount from the container securityContext and the unsafe sysctl from the pod securityContext.',
});

const S10 = podSecurityCheck({
  id: 'S10',
  slug: 'no-host-in-probes-and-hooks',
  title: 'No host in probes or lifecycle hooks',
  controls: ['hostProbesAndHostLifecycle'],
  verifies: `Pod Security baseline "${titles(['hostProbesAndHostLifecycle'])}" (from 1.34): no probe (liveness, readiness, startup) or lifecycle hook (postStart, preStop) of any container sets httpGet.host or tcpSocket.host, which would make the kubelet call another machine. Not applied below podSecurityVersion 1.34.`,
  fix: 'Remove host from the probe or hook; the kubelet then calls the pod\'s own address.',
});

const S11 = podSecurityCheck({
  id: 'S11',
  slug: 'no-windows-host-process',
  title: 'No Windows HostProcess',
  controls: ['windowsHostProcess'],
  verifies: `Pod Security baseline "${titles(['windowsHostProcess'])}": neither the pod nor any container sets securityContext.windowsOptions.hostProcess: true.`,
  fix: 'Remove windowsOptions.hostProcess: true; a HostProcess container has full access to the Windows node.',
});

const S12 = podSecurityCheck({
  id: 'S12',
  slug: 'custom-pod-templates-restricted',
  title: 'Pod templates of custom kinds',
  customOnly: true,
  controls: ['runAsNonRoot', 'runAsUser', 'capabilities_restricted', 'capabilities_baseline', 'seccompProfile_restricted', 'seccompProfile_baseline', 'allowPrivilegeEscalation', 'privileged', 'hostNamespaces', 'hostPorts', 'hostPathVolumes'],
  verifies: `A pod template in a custom kind (an operator's resource whose spec.template, spec.podTemplate or spec.jobTemplate.spec.template is clearly a PodTemplateSpec: containers, each with a name and an image) meets the Pod Security restricted controls A3, A4, S1–S4 check on built-in kinds (S7–S11 check theirs on every kind), ${VERSIONED}. Windows pods are exempt from the Linux-only controls, as admission exempts them.`,
  fix: 'Give the pod template the same securityContext as a Deployment\'s: runAsNonRoot: true, seccompProfile RuntimeDefault, allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, no privileged, host namespaces, hostPort or hostPath.',
});

export const POD_SECURITY_CHECKS: readonly Check[] = [S7, S8, S9, S10, S11, S12, S13];
