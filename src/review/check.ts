import type { ReviewContext, WorkloadRole } from './context';
import type { ManifestObject } from '../manifests/manifest-object';

export type Severity = 'CRITICAL' | 'WARNING';

/** The check groups of the platform contract, in report order. */
export const CHECK_GROUPS = {
  A: 'Image',
  B: 'Health & ports',
  C: 'Networking',
  D: 'Storage',
  E: 'Secrets',
  F: 'Resources',
  G: 'Metrics & logging',
  H: 'Ingress',
  S: 'Pod hardening',
  N: 'Consistency',
} as const;
export type CheckGroup = keyof typeof CHECK_GROUPS;

/** What a check reads besides the manifests; a check whose input is absent is not applicable. */
export type CheckInput = 'manifests' | 'dockerfiles' | 'source' | 'logs' | 'metrics';

/**
 * What a check judges, so "not applicable" is a verdict of its own: objects of `kinds` (of one of
 * `roles`, for workloads), or one of the other `inputs`. A check is run only when the review holds
 * something in its scope; a test runs every check on every fixture to keep scopes truthful.
 */
export interface CheckScope {
  /** Kinds it judges. @default every kind (the check applies to any manifest set); 'none' for input-only checks */
  readonly kinds?: readonly string[] | 'none';
  /** Roles of the workloads it judges (among `kinds`, default every workload kind). */
  readonly roles?: readonly WorkloadRole[];
  /** Applies only to a set that names an app namespace (a Namespace object or a metadata.namespace). */
  readonly namespaced?: boolean;
  /** Inputs other than manifests it judges. */
  readonly inputs?: readonly Exclude<CheckInput, 'manifests'>[];
  /**
   * Judges pod templates wherever they are: 'any' kind whose object holds one (custom resources
   * included), or only 'custom' kinds (built-in workloads' are other checks'). Replaces `kinds`.
   */
  readonly podTemplates?: 'any' | 'custom';
}

/**
 * One verdict of a check: on an object, on a place in another input (a Dockerfile line, a log
 * line), or on the whole set. A check that returns nothing was not applicable.
 */
export interface CheckResult {
  readonly status: 'pass' | 'fail';
  /** The object the verdict is about. */
  readonly object?: ManifestObject;
  /** Where, when the verdict is not about an object: a Dockerfile, a log sample, a source file. */
  readonly location?: { readonly file: string; readonly line?: number };
  /** For a failure: what is wrong and how to fix it, in the creator's words. */
  readonly message?: string;
}

/**
 * A check of the review gate: metadata plus one pure function. Its message for a failure says
 * what is wrong where and what to change, for someone who has never seen YAML.
 */
export interface Check {
  /** Group letter and number, e.g. `A1`. */
  readonly id: string;
  readonly group: CheckGroup;
  /** A readable name beside the id, kebab-case and unique (`A3 run-as-non-root`): lists, SARIF rule names. */
  readonly slug: string;
  /** A few words, for lists and documentation. */
  readonly title: string;
  readonly severity: Severity;
  /** What the check verifies (documentation). */
  readonly verifies: string;
  /** The general fix, in the creator's words (documentation). */
  readonly fix: string;
  /** The input the check reads. @default 'manifests' */
  readonly input?: CheckInput;
  /** What the check judges; outside it the check is not applicable. */
  readonly scope: CheckScope;
  /**
   * Whether a CRITICAL finding of this manifest check stops `synth` before anything is written.
   * False for a failure that is expected at synth time (credentials not sealed yet). @default true
   */
  readonly blocksSynth?: boolean;
  run(context: ReviewContext): CheckResult[];
}

/** Shorthands so checks read as sentences. */
export const pass = (object?: ManifestObject, location?: CheckResult['location']): CheckResult => ({ status: 'pass', object, location });
export const fail = (message: string, object?: ManifestObject, location?: CheckResult['location']): CheckResult => ({
  status: 'fail',
  message,
  object,
  location,
});
