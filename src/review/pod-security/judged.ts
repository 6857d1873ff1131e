import type { PodSecurityViolation } from './control';
import { podView } from './pod';
import { evaluatePod } from './registry';
import { podTemplateOf, type PodTemplate } from './templates';
import { parsePolicyVersion } from './version';
import type { ManifestObject } from '../../manifests/manifest-object';

/** A workload's pod template, judged by the Pod Security "restricted" level at the cluster's version. */
export interface JudgedTemplate {
  readonly manifest: ManifestObject;
  readonly template: PodTemplate;
  readonly violations: readonly PodSecurityViolation[];
}

/** An object's pod template, found once per review. */
export interface FoundTemplate {
  readonly manifest: ManifestObject;
  readonly template: PodTemplate;
}

/** The pod templates of the set, in file order. */
export function podTemplatesOf(manifests: readonly ManifestObject[]): FoundTemplate[] {
  const found: FoundTemplate[] = [];
  for (const manifest of manifests) {
    const template = podTemplateOf(manifest.object);
    if (template) found.push({ manifest, template });
  }
  return found;
}

/**
 * Every pod template of the set, judged once per review (S7–S13 read the result). An error,
 * not a throw, when the version is none: the checks that read it report it as theirs.
 */
export function judgeTemplates(templates: readonly FoundTemplate[], podSecurityVersion: string): readonly JudgedTemplate[] | Error {
  if (templates.length === 0) return [];
  const minor = parsePolicyVersion(podSecurityVersion);
  if (minor === undefined) return new Error(`cluster podSecurityVersion ${podSecurityVersion} passed validation but is no version`);
  return templates.map(({ manifest, template }) => ({ manifest, template, violations: evaluatePod(podView(template.metadata, template.spec), 'restricted', minor) }));
}
