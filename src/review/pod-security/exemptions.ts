import { inUserNamespace, isWindowsPod } from './pod';
import { parsePolicyVersion } from './version';
import type { ManifestMap } from '../values';

/**
 * The pod-wide exemptions admission grants, for checks outside this module that judge the same
 * controls (A3, A4, S1, S2, S4) so they exempt the same pods.
 */

/** Windows pods skip the Linux-only restricted controls (capabilities, seccomp, privilege escalation) from 1.25. */
export function exemptFromLinuxOnlyControls(podSpec: ManifestMap, version: string): boolean {
  return isWindowsPod(podSpec) && (parsePolicyVersion(version) ?? 0) >= 25;
}

/** Pods in a user namespace (`hostUsers: false`) skip runAsNonRoot and runAsUser from 1.35. */
export function exemptFromNonRootControls(podSpec: ManifestMap, version: string): boolean {
  return inUserNamespace(podSpec) && (parsePolicyVersion(version) ?? 0) >= 35;
}
