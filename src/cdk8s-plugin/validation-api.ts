/**
 * The part of cdk8s-cli's validation plugin contract (cdk8s-cli/lib/plugins/validation.d.ts) the
 * vibe-env plugin uses, declared structurally so the library does not depend on cdk8s-cli: the
 * CLI loads the plugin class, instantiates it with the `properties` of its `validations:` entry
 * and calls `validate(context)` with the synthesized manifest files.
 */

/** A resource that breaks a rule, as cdk8s prints it. */
export interface ValidationViolatingResource {
  /** `metadata.name`: cdk8s looks up the construct path by it. */
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

export interface ValidationViolation {
  readonly ruleName: string;
  /** What is wrong here (cdk8s prints it as "Recommendation"). */
  readonly recommendation: string;
  /** How to fix it in general (cdk8s prints it as "How to fix"). */
  readonly fix: string;
  readonly violatingResources: readonly ValidationViolatingResource[];
}

export type ValidationReportStatus = 'success' | 'failure';

export interface ValidationReport {
  addViolation(violation: ValidationViolation): void;
  /** Called once, last: cdk8s fails the synth (exit 2) when any report is a failure. */
  submit(status: ValidationReportStatus, metadata?: { readonly [key: string]: string }): void;
}

export interface ValidationLogger {
  log(message: string): void;
}

export interface ValidationContext {
  /** The synthesized manifest files (paths relative to the cdk8s project folder, or absolute). */
  readonly manifests: readonly string[];
  readonly report: ValidationReport;
  readonly logger: ValidationLogger;
  /** True when `cdk8s synth --stdout` runs: the files are temporary. */
  readonly stdout?: boolean;
}

export interface Validation {
  validate(context: ValidationContext): Promise<void>;
}
