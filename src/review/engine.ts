import { CATALOGUE } from './catalogue';
import type { Check, CheckResult } from './check';
import { isInScope } from './check-scope';
import { ReviewContext, type ReviewInputs } from './context';
import type { CheckSummary, Finding, ReviewReport } from './finding';

/**
 * Runs the catalogue over a manifest set and the other inputs. Each check is pure; a check that
 * throws is a bug in vibe-env, reported as such instead of silently passing.
 */
export function review(inputs: ReviewInputs, checks: readonly Check[] = CATALOGUE): ReviewReport {
  const context = new ReviewContext(inputs);
  const findings: Finding[] = [];
  const summary: CheckSummary[] = [];
  // Not applicable is a verdict: a check with nothing in its scope is reported so and not run.
  const applicable = new Set(checks.filter((check) => isInScope(check.scope, context)));
  for (const check of applicable) runCheckStep(check, () => check.prepare?.(context));
  for (const check of checks) {
    if (!applicable.has(check)) {
      summary.push({ id: check.id, applicable: false, passed: 0, failed: 0 });
      continue;
    }
    const results = runCheckStep(check, () => check.run(context));
    let passed = 0;
    let failed = 0;
    for (const result of results) {
      if (result.status === 'pass') {
        passed++;
        continue;
      }
      failed++;
      findings.push(toFinding(check, result));
    }
    summary.push({ id: check.id, applicable: true, passed, failed });
  }
  return {
    app: inputs.appName ?? appNameOf(context),
    passed: !findings.some((f) => f.severity === 'CRITICAL'),
    findings: dedupe(findings),
    summary,
  };
}

function runCheckStep<T>(check: Check, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new Error(`check ${check.id} failed to run: ${(error as Error).message}`);
  }
}

function toFinding(check: Check, result: CheckResult): Finding {
  const object = result.object;
  return {
    id: check.id,
    severity: check.severity,
    message: result.message ?? check.fix,
    file: object?.file ?? result.location?.file,
    line: object?.line ?? result.location?.line,
    ...(object ? { kind: object.kind, name: object.name, namespace: object.namespace } : {}),
  };
}

/**
 * The same message on the same place once (a check may meet an object through two routes).
 * Messages are compared per check and place, not joined into one long key per finding.
 */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Map<string | undefined, Map<number | undefined, Set<string>>>>();
  return findings.filter((f) => {
    let byFile = seen.get(f.id);
    if (!byFile) seen.set(f.id, (byFile = new Map()));
    let byLine = byFile.get(f.file);
    if (!byLine) byFile.set(f.file, (byLine = new Map()));
    let messages = byLine.get(f.line);
    if (!messages) byLine.set(f.line, (messages = new Set()));
    if (messages.has(f.message)) return false;
    messages.add(f.message);
    return true;
  });
}

/** The app's display name: the Namespace's vibe-env annotation, else its app label, else the namespace. */
function appNameOf(context: ReviewContext): string {
  const namespace = context.ofKind('Namespace')[0];
  const annotations = namespace?.object.metadata?.annotations ?? {};
  return (
    annotations['vibe-env.io/display-name'] ??
    namespace?.object.metadata?.labels?.['app.kubernetes.io/part-of'] ??
    context.appNamespace ??
    'this app'
  );
}
