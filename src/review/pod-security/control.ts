import type { PodView } from './pod';
import type { PolicyMinor } from './version';

export type PodSecurityLevel = 'baseline' | 'restricted';

/** What one control found wrong with a pod, in admission's words. */
export interface ControlResult {
  /** Admission's reason: `restricted volume types`. */
  readonly reason: string;
  /** Admission's detail: `volume "data" uses restricted volume type "nfs"`. */
  readonly detail: string;
  /** The offending fields, relative to the pod: `spec.volumes[0].nfs`. */
  readonly paths: readonly string[];
}

/** One rule of a control, in force from a minor version on. */
export interface VersionedRule {
  readonly since: PolicyMinor;
  /** `undefined` when the pod meets the rule. */
  readonly check: (pod: PodView) => ControlResult | undefined;
}

/**
 * One control of the Pod Security Standards, as admission registers it
 * (k8s.io/pod-security-admission policy/check_*.go).
 */
export interface PodSecurityControl {
  /** Admission's check id: `restrictedVolumes`. */
  readonly id: string;
  /** The control's name in the standard (kubernetes.io pod-security-standards): `Volume Types`. */
  readonly title: string;
  readonly level: PodSecurityLevel;
  /** Its rules, oldest first; before the first one's version the control does not exist. */
  readonly rules: readonly VersionedRule[];
  /** Baseline controls this one replaces at restricted (`seccompProfile_baseline`). */
  readonly overrides?: readonly string[];
  /** What to change, in the creator's words. */
  readonly fix: string;
}

/** One broken control: what admission would say, where, and how to fix it. */
export interface PodSecurityViolation extends ControlResult {
  readonly control: string;
  /** The standard's name for the control. */
  readonly title: string;
  /** The level the pod was judged at (a baseline control judged at restricted says restricted). */
  readonly level: PodSecurityLevel;
  /** `restricted: restricted volume types (volume "data" uses restricted volume type "nfs")`. */
  readonly message: string;
  readonly fix: string;
}

/** `"a", "b"`, as admission quotes lists. */
export function joinQuote(items: readonly string[]): string {
  return items.length ? `"${items.join('", "')}"` : '';
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "app"` / `containers "app", "init"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted distinct values, as admission's string sets list them. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
