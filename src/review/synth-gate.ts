import { CATALOGUE } from './catalogue';
import { review } from './engine';
import type { ReviewReport } from './finding';
import { ReviewGateError } from './gate-error';
import type { ClusterConfig } from '../contract/cluster-config';
import type { ManifestObject } from '../manifests/manifest-object';

export { ReviewGateError };

/** Checks that only read manifests: the ones that can judge a set before it exists on disk. */
export const MANIFEST_CHECKS = CATALOGUE.filter((check) => (check.input ?? 'manifests') === 'manifests');

/** Ids of the checks whose CRITICAL findings stop synth (each check's `blocksSynth`, default true). */
const BLOCKING_AT_SYNTH = new Set(MANIFEST_CHECKS.filter((check) => check.blocksSynth !== false).map((check) => check.id));

/**
 * Runs the manifest checks on exactly what synth is about to write (platform engineers' charts,
 * raw objects and JSON patches included) and throws when a CRITICAL finding would ship.
 * @internal VibeApp.render runs it.
 */
export function gateBeforeWrite(manifests: readonly ManifestObject[], cluster: ClusterConfig, appName: string): ReviewReport {
  const report = review({ manifests, cluster, appName }, MANIFEST_CHECKS);
  const blocking = report.findings.filter((f) => f.severity === 'CRITICAL' && BLOCKING_AT_SYNTH.has(f.id));
  if (blocking.length > 0) throw new ReviewGateError({ ...report, passed: false, findings: blocking });
  return report;
}
