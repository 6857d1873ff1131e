import type { Severity } from './check';

/** One failed verdict, located, in the shape of the JSON report. */
export interface Finding {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** The outcome of a review: what failed, and what each check concluded. */
export interface ReviewReport {
  /** Display name of the app, for the report header. */
  readonly app: string;
  /** The app's namespace, when the reviewed set was split into apps (one report per app). */
  readonly namespace?: string;
  /** True when no CRITICAL finding was made. */
  readonly passed: boolean;
  readonly findings: readonly Finding[];
  /** Per check: whether it applied (its scope) and how many verdicts passed and failed. */
  readonly summary: readonly CheckSummary[];
}

/** What one check concluded: not applicable (nothing in its scope), or its verdicts. */
export interface CheckSummary {
  readonly id: string;
  readonly applicable: boolean;
  readonly passed: number;
  readonly failed: number;
}

/** A review of a set of one or many apps: one report per app, one verdict. */
export interface AppsReport {
  /** True when no app has a CRITICAL finding. */
  readonly passed: boolean;
  /** One report per app, in the order the apps first appear; one for a set of one app. */
  readonly apps: readonly ReviewReport[];
}
