import * as path from 'node:path';
import type { ValidationViolation } from './validation-api';
import type { Check } from '../review/check';
import type { Finding } from '../review/finding';
import { constructMetadataKey } from '../synth/construct-metadata';

/**
 * One finding of the review as a cdk8s violation: the rule is the check (`A1 No :latest or
 * untagged image (CRITICAL)`), the recommendation is the finding's own message (what is wrong
 * where, and what to change), the fix is the check's general fix, and the resource is the object
 * with its manifest file and line. The resource is named by its unique key when cdk8s's construct
 * metadata has it (a VibeApp writes one), so cdk8s prints the construct path of that very object.
 */
export function violationOf(finding: Finding, check: Check | undefined, metadataKeys: ReadonlySet<string> = new Set()): ValidationViolation {
  const title = check ? ` ${check.title}` : '';
  const file = finding.file ?? '(the manifest set)';
  const where = finding.line !== undefined ? `line ${finding.line}` : 'the whole file';
  const object = finding.kind ? ` (${finding.kind}/${finding.name ?? ''}${finding.namespace ? ` in ${finding.namespace}` : ''})` : '';
  return {
    ruleName: `${finding.id}${title} (${finding.severity})`,
    recommendation: finding.message,
    fix: check?.fix ?? finding.message,
    violatingResources: [
      {
        resourceName: resourceNameOf(finding, metadataKeys) ?? path.basename(file),
        manifestPath: file,
        locations: [`${where}${object}`],
      },
    ],
  };
}

function resourceNameOf(finding: Finding, metadataKeys: ReadonlySet<string>): string | undefined {
  if (!finding.name) return undefined;
  const key = finding.kind ? constructMetadataKey(finding.kind, finding.name, finding.namespace) : undefined;
  return key && metadataKeys.has(key) ? key : finding.name;
}

/** The violation for a review that could not run: unreadable manifests or properties, or a bug. */
export function inputViolation(message: string, manifests: readonly string[]): ValidationViolation {
  return {
    ruleName: 'vibe-env review could not run',
    recommendation: message,
    fix: 'Fix the input named above (a manifest file, or the properties of the vibe-env entry under validations: in cdk8s.yaml) and synthesize again.',
    violatingResources: (manifests.length > 0 ? manifests : ['cdk8s.yaml']).slice(0, 1).map((file) => ({
      resourceName: path.basename(file),
      manifestPath: file,
      locations: [message.split('\n')[0]],
    })),
  };
}
