/**
 * Pod Security policy versions, as Pod Security Admission reads them: `v1.N` (or `1.N`) or
 * `latest`. Each control registers the minor versions its rules changed at; a namespace's
 * version picks, per control, the newest rule at or below it.
 */

/** The newest minor version any control registers a rule for (sysctls, 1.37). */
export const NEWEST_POLICY_MINOR = 37;

/** The version vibe-env targets when the cluster config names none: the Kubernetes release of the bindings. */
export const DEFAULT_POLICY_VERSION = '1.28';

/** The oldest version vibe-env judges by (the checks of the review assume the 1.25 Windows exemptions). */
export const OLDEST_SUPPORTED_MINOR = 25;

/** A policy version as the minor number of Kubernetes 1.x. */
export type PolicyMinor = number;

const VERSION = /^v?1\.(0|[1-9]\d{0,2})$/;

/**
 * `1.28`, `v1.28` → 28; `latest` → the newest version a control knows. A version newer than every
 * control reads as the newest, as admission clamps it. `undefined` when the text is no version.
 */
export function parsePolicyVersion(text: string): PolicyMinor | undefined {
  if (text === 'latest') return NEWEST_POLICY_MINOR;
  const match = VERSION.exec(text);
  if (!match) return undefined;
  return Math.min(Number(match[1]), NEWEST_POLICY_MINOR);
}

/** `v1.28`, for messages. */
export function versionLabel(minor: PolicyMinor): string {
  return `v1.${minor}`;
}
