import * as fs from 'node:fs';
import * as path from 'node:path';
import { flagsOf, readProperties, type VibeReviewProperties } from './properties';
import type { Validation, ValidationContext } from './validation-api';
import { inputViolation, violationOf } from './violations';
import { reviewInputsFromFlags } from '../cli/review-inputs';
import { VibeInputError } from '../contract/errors';
import { CATALOGUE, checkById } from '../review/catalogue';
import { review } from '../review/engine';
import type { ReviewReport } from '../review/finding';
import { CONSTRUCT_METADATA_FILE, constructMetadataKeys } from '../synth/construct-metadata';

export type { VibeReviewProperties } from './properties';
export type * from './validation-api';

/**
 * The vibe-env review gate as a cdk8s-cli validation plugin: after `cdk8s synth`, the same
 * catalogue of checks as `vibe review` runs over the synthesized manifests; every finding is a
 * violation of the report (rule = check id and title, resource = object, file and line), and any
 * CRITICAL finding fails the validation, so `cdk8s synth` exits 2.
 *
 * ```yaml
 * # cdk8s.yaml: cdk8s-cli installs the package into its plugins folder (~/.cdk8s/plugins, or
 * # pluginsDirectory) by name and version; a path (./node_modules/vibe-env) loads it from there.
 * validations:
 *   - package: vibe-env
 *     version: 0.1.0
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
    const keys = metadataKeysBeside(context.manifests);
    for (const finding of result.findings) report.addViolation(violationOf(finding, checkById(finding.id), keys));
    const critical = result.findings.filter((f) => f.severity === 'CRITICAL').length;
    report.submit(critical > 0 ? 'failure' : 'success', {
      app: result.app,
      checks: String(CATALOGUE.length),
      critical: String(critical),
      warnings: String(result.findings.length - critical),
    });
  }
}

/** The keys of the construct metadata cdk8s (or a VibeApp) wrote into the manifests' folder. */
function metadataKeysBeside(manifests: readonly string[]): ReadonlySet<string> {
  for (const folder of new Set(manifests.map((file) => path.dirname(file)))) {
    const file = path.join(folder, CONSTRUCT_METADATA_FILE);
    if (fs.existsSync(file)) return constructMetadataKeys(fs.readFileSync(file, 'utf8'));
  }
  return new Set();
}
