import type { PodSecurityLevel, PodSecurityViolation } from './control';
import { podView } from './pod';
import { evaluatePod } from './registry';
import { podTemplateOf } from './templates';
import { DEFAULT_POLICY_VERSION, parsePolicyVersion } from './version';
import { asMap } from '../values';

/**
 * The Pod Security Standards (baseline and restricted) as Pod Security Admission enforces them,
 * version by version: pure functions over a plain pod, no cluster needed.
 */

export type { PodSecurityControl, PodSecurityLevel, PodSecurityViolation } from './control';
export { POD_SECURITY_CONTROLS, controlById, controlsAt, evaluatePod } from './registry';
export { podTemplateOf, isPodBearingKind, type PodTemplate } from './templates';
export { podView, isWindowsPod, inUserNamespace, type PodView } from './pod';
export { exemptFromLinuxOnlyControls, exemptFromNonRootControls } from './exemptions';
export { restrictedVolumeUses, restrictedVolumesDetail, RESTRICTED_VOLUMES_REASON } from './controls/volumes';
export { DEFAULT_POLICY_VERSION, NEWEST_POLICY_MINOR, OLDEST_SUPPORTED_MINOR, parsePolicyVersion, versionLabel } from './version';

export interface PodSecurityOptions {
  /** @default 'restricted' */
  readonly level?: PodSecurityLevel;
  /** `1.28`, `v1.28` or `latest`. @default '1.28' */
  readonly version?: string;
}

/**
 * Every control a pod breaks, as admission would refuse it in a namespace labelled
 * `pod-security.kubernetes.io/enforce: <level>` and `enforce-version: <version>`. `pod` is a
 * Pod object (`{ metadata, spec }`, parsed YAML or JSON); a workload (Deployment, CronJob, …)
 * or a custom kind with a pod template is judged by its template. Paths are relative to the
 * object given. Throws on a version that is not one.
 */
export function podSecurityFindings(pod: unknown, options: PodSecurityOptions = {}): PodSecurityViolation[] {
  const version = options.version ?? DEFAULT_POLICY_VERSION;
  const minor = parsePolicyVersion(version);
  if (minor === undefined) throw new Error(`pod security version ${JSON.stringify(version)} is not one; use 1.N, v1.N or latest, e.g. 1.28`);
  const object = asMap(pod);
  const template = typeof object.kind === 'string' && object.kind !== 'Pod' ? podTemplateOf(object) : undefined;
  const view = template ? podView(template.metadata, template.spec) : podView(object.metadata, object.spec);
  const prefix = template?.prefix ?? '';
  return evaluatePod(view, options.level ?? 'restricted', minor).map((v) => (prefix ? { ...v, paths: v.paths.map((p) => prefix + p) } : v));
}
