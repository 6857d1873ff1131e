import { flagsOf, readProperties, type VibeReviewProperties } from './properties';
import type { Validation, ValidationContext } from './validation-api';
import { inputViolation, violationOf } from './violations';
import { reviewInputsFromFlags } from '../cli/review-inputs';
import { VibeInputError } from '../contract/errors';
import { CATALOGUE, checkById } from '../review/catalogue';
import { review } from '../review/engine';
import type { ReviewReport } from '../review/finding';

export type { VibeReviewProperties } from './properties';
export type * from './validation-api';

/**
 * The vibe-env review gate as a cdk8s-cli validation plugin: after `cdk8s synth`, the same
 * catalogue of checks as `vibe review` runs over the synthesized manifests; every finding is a
 * violation of the report (rule = check id and title, resource = object, file and line), and any
 * CRITICAL finding fails the validation, so `cdk8s synth` exits 2.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/vibe-env/lib/cdk8s-plugin/index.js
 *     version: 0.0.0
 *     class: VibeReviewValidation
 *     properties:
 *       cert: sealed-secrets-cert.pem
 *       clusterConfig: cluster.yaml
 *       appName: Inventory Checker
 * ```
 */
export class VibeReviewValidation implements Validation {
  private readonly properties: VibeReviewProperties;
  /** Bad properties are reported by validate(), as a failed report, not as a crash of cdk8s. */
  private readonly problem?: VibeInputError;

  constructor(properties: unknown = {}) {
    let read: VibeReviewProperties = {};
    try {
      read = readProperties(properties);
    } catch (error) {
      if (!(error instanceof VibeInputError)) throw error;
      this.problem = error;
    }
    this.properties = read;
  }

  async validate(context: ValidationContext): Promise<void> {
    const { report } = context;
    if (this.problem) {
      report.addViolation(inputViolation(this.problem.message, context.manifests));
      report.submit('failure', { reason: 'invalid properties' });
      return;
    }
    if (context.manifests.length === 0) {
      context.logger.log('vibe-env: no manifests were synthesized, nothing to review.');
      report.submit('success', { checks: String(CATALOGUE.length), findings: '0' });
      return;
    }
    let result: ReviewReport;
    try {
      result = review(await reviewInputsFromFlags(context.manifests, flagsOf(this.properties)));
    } catch (error) {
      const message = error instanceof VibeInputError ? error.message : `internal error in vibe-env: ${(error as Error)?.message ?? String(error)}. Report it to the platform team.`;
      report.addViolation(inputViolation(message, context.manifests));
      report.submit('failure', { reason: error instanceof VibeInputError ? 'bad input' : 'internal error' });
      return;
    }
    for (const finding of result.findings) report.addViolation(violationOf(finding, checkById(finding.id)));
    const critical = result.findings.filter((f) => f.severity === 'CRITICAL').length;
    report.submit(critical > 0 ? 'failure' : 'success', {
      app: result.app,
      checks: String(CATALOGUE.length),
      critical: String(critical),
      warnings: String(result.findings.length - critical),
    });
  }
}
