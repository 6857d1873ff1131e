import type { Severity } from './check';

/** One failed verdict, located, in the shape of the JSON report. */
export interface Finding {
  /** The check's id, `A1` (see CATALOGUE and docs/checks.md). */
  readonly id: string;
  /** The check's severity: any CRITICAL finding fails the review. */
  readonly severity: Severity;
  /** What is wrong where, and what to change. */
  readonly message: string;
  /** The file of the object (or Dockerfile, log sample). @default - none (a finding on the whole set) */
  readonly file?: string;
  /** The line in that file, from 1. @default - none (the whole file) */
  readonly line?: number;
  /** The object's kind. @default - none (not about one object) */
  readonly kind?: string;
  /** The object's `metadata.name`. @default - none (not about one object) */
  readonly name?: string;
  /** The object's namespace. @default - none (cluster-scoped, or not about one object) */
  readonly namespace?: string;
}

/** The outcome of a review: what failed, and what each check concluded. */
export interface ReviewReport {
  /** Display name of the app, for the report header. */
  readonly app: string;
  /** The app's namespace, when the reviewed set was split into apps (one report per app). @default - none (one app) */
  readonly namespace?: string;
  /** True when no CRITICAL finding was made. */
  readonly passed: boolean;
  /** Every finding, CRITICAL and WARNING, in check order. */
  readonly findings: readonly Finding[];
  /** Per check: whether it applied (its scope) and how many verdicts passed and failed. */
  readonly summary: readonly CheckSummary[];
}

/** What one check concluded: not applicable (nothing in its scope), or its verdicts. */
export interface CheckSummary {
  /** The check's id. */
  readonly id: string;
  /** False when nothing in the reviewed set is in the check's scope. */
  readonly applicable: boolean;
  /** How many verdicts passed. */
  readonly passed: number;
  /** How many verdicts failed (findings). */
  readonly failed: number;
}

/** A review of a set of one or many apps: one report per app, one verdict. */
export interface AppsReport {
  /** True when no app has a CRITICAL finding. */
  readonly passed: boolean;
  /** One report per app, in the order the apps first appear; one for a set of one app. */
  readonly apps: readonly ReviewReport[];
}
