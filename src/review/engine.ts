import { groupByApp } from './app-groups';
import { CATALOGUE } from './catalogue';
import type { Check, CheckResult } from './check';
import { isInScope } from './check-scope';
import { scanTextsOfSet } from './checks/secrets-scan';
import { ReviewContext, settle, type ReviewInputs } from './context';
import type { AppsReport, CheckSummary, Finding, ReviewReport } from './finding';
import { isWorkloadKind, workloadOf } from './workloads';

/**
 * Runs the catalogue over a manifest set and the other inputs. Each check is pure; a check that
 * throws is a bug in vibe-env, reported as such instead of silently passing.
 */
export function review(inputs: ReviewInputs, checks: readonly Check[] = CATALOGUE): ReviewReport {
  return reviewWith(new ReviewContext(inputs), checks);
}

function reviewWith(context: ReviewContext, checks: readonly Check[]): ReviewReport {
  const { inputs } = context;
  const findings: Finding[] = [];
  const summary: CheckSummary[] = [];
  // Not applicable is a verdict: a check with nothing in its scope is reported so and not run.
  const applicable = new Set(checks.filter((check) => isInScope(check.scope, context)));
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

/**
 * Reviews a set that may hold many apps (a GitOps repository of app folders): each app in its own
 * namespace, with its own report (see `groupByApp`). The Dockerfiles, source tree, logs and
 * metrics given go with the one app that runs workloads (a creator repository: its app beside
 * the ArgoCD Application); with several, they are judged once in a report of their own.
 */
export function reviewApps(inputs: ReviewInputs, checks: readonly Check[] = CATALOGUE): AppsReport {
  const groups = groupByApp(inputs.manifests);
  if (groups.length <= 1) {
    const report = review(inputs, checks);
    return { passed: report.passed, apps: [report] };
  }
  const { manifests: _all, appName, ...others } = inputs;
  const manifestsOnly = { cluster: inputs.cluster, sealingKeyBytes: inputs.sealingKeyBytes };
  const hasOthers = Boolean(others.dockerfiles?.length || others.sourceDir !== undefined || others.logs?.length || others.metrics?.length);
  const running = groups.filter((group) => group.manifests.some((manifest) => isWorkloadKind(manifest.kind)));
  const carrier = hasOthers && running.length === 1 ? running[0] : undefined;
  // One secret scan of every app's texts: one call to the scanner's worker, not one per app.
  const scanned = settle(() => scanTextsOfSet({ configMaps: inputs.manifests.filter((m) => m.kind === 'ConfigMap'), containers: inputs.manifests.flatMap((m) => workloadOf(m)?.containers ?? []), dockerfiles: [], logs: [] }));
  const apps = groups.map((group) => {
    const appInputs = { ...(group === carrier ? others : manifestsOnly), manifests: group.manifests };
    // A scan that failed is left to each app's own, which reports it as its checks' error.
    const report = reviewWith(new ReviewContext(appInputs, scanned instanceof Error ? undefined : scanned), checks);
    return group.namespace ? { ...report, namespace: group.namespace } : report;
  });
  if (hasOthers && !carrier) apps.push(review({ ...others, manifests: [], appName: appName ?? 'Dockerfiles, source and samples' }, checks));
  return { passed: apps.every((app) => app.passed), apps };
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
