import type { FixedItem, FixRun, FixSettings, Unfixable } from './fixer';
import { FIXERS } from './fixers';
import { FixWorkspace } from './workspace';
import { VibeInputError } from '../../contract/errors';
import { referenceOf, type ManifestObject } from '../../manifests/manifest-object';
import { groupByApp } from '../app-groups';
import { CATALOGUE, MECHANICAL_FIXES } from '../catalogue';
import { ReviewContext, type ReviewInputs } from '../context';
import { review, reviewApps } from '../engine';
import type { AppsReport, Finding } from '../finding';

/** What `planFixes` fixes, and from what. */
export interface FixOptions extends FixSettings {
  /** The manifest files, as text, by path (see `readFixFiles`). */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** Everything else the review reads: cluster settings, and for the report logs, Dockerfiles… */
  readonly review: Omit<ReviewInputs, 'manifests'>;
  /** Only these checks' fixes (`--only A1,S1`); C1 brings the allows of C2–C6 with it. @default every mechanical fix */
  readonly only?: readonly string[];
}

/** One file the plan changes; `null` is a file that does not exist (before) or is removed (after). */
export interface FixPlanFile {
  readonly path: string;
  readonly before: string | null;
  readonly after: string | null;
  /** True when either text holds a plain `kind: Secret`: show it only through `formatFixDiff`, which hides values. */
  readonly holdsSecret: boolean;
}

/** A finding left after the fix: mechanical ones say why the fix could not make them. */
export interface RemainingFinding extends Finding {
  readonly mechanical: boolean;
  readonly why?: string;
}

/** What `--fix` would do (dry run), or did once `applyFixes` wrote it. */
export interface FixPlan {
  readonly files: readonly FixPlanFile[];
  readonly fixed: readonly FixedItem[];
  readonly remaining: readonly RemainingFinding[];
  /** The review of the files before and after the fix. */
  readonly before: AppsReport;
  readonly after: AppsReport;
}

/** Enough rounds for every fixer a few times over; a fixer that changes nothing is not asked again. */
const MAX_ROUNDS = 60;
const MAX_ATTEMPTS_PER_CHECK = 4;

/** C1's deny comes with the allows it would otherwise cut. */
const COMPANIONS: Readonly<Record<string, readonly string[]>> = { C1: ['C2', 'C3', 'C4', 'C5', 'C6'] };

/**
 * Plans every mechanical fix on the files, in memory: review, fix the first check (in catalogue
 * order) with findings, review again, until nothing mechanical is left that a fixer can change.
 * Nothing is written; `applyFixes(plan)` writes. Deterministic except for sealed values (fresh
 * randomness on every seal), and idempotent: planning the plan's output changes nothing.
 */
export function planFixes(options: FixOptions): FixPlan {
  const selected = selectedChecks(options.only);
  const workspace = new FixWorkspace(options.files);
  const settings: FixSettings = { size: options.size, imageTag: options.imageTag, sealingKey: options.sealingKey };
  const before = reviewApps({ ...options.review, manifests: workspace.manifests() });
  const checks = CATALOGUE.filter((check) => selected.has(check.id));
  const fixed: FixedItem[] = [];
  const cannot = new Map<string, Unfixable[]>();
  const attempts = new Map<string, number>();
  const exhausted = new Set<string>();
  const base = { cluster: options.review.cluster, ...(options.review.sealingKeyBytes ? { sealingKeyBytes: options.review.sealingKeyBytes } : {}) };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = nextFix(workspace.manifests(), checks.filter((check) => !exhausted.has(check.id)), base);
    if (!next) break;
    const { id, inputs, findings } = next;
    const made: FixedItem[] = [];
    const left: Unfixable[] = [];
    const run: FixRun = {
      context: new ReviewContext(inputs),
      findings,
      workspace,
      settings,
      fixed: (where, what) => made.push({ id, ...place(where), what }),
      cannot: (where, why) => left.push({ id, ...(where === undefined ? {} : place(where)), why }),
    };
    FIXERS.get(id)!.fix(run);
    cannot.set(id, left);
    const changed = workspace.endRound();
    const count = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, count);
    if (changed) fixed.push(...made);
    if (!changed || count >= MAX_ATTEMPTS_PER_CHECK) exhausted.add(id);
  }

  const after = reviewApps({ ...options.review, manifests: workspace.manifests() });
  const reasons = [...cannot.values()].flat();
  const remaining = after.apps.flatMap((app) => app.findings).map((finding): RemainingFinding => {
    const mechanical = Object.hasOwn(MECHANICAL_FIXES, finding.id);
    const object = finding.kind ? `${finding.kind}/${finding.name}` : undefined;
    const why = reasons.find((r) => r.id === finding.id && (r.object === undefined || r.object === object))?.why;
    return { ...finding, mechanical, ...(why ? { why } : {}) };
  });
  const files = workspace.changes().map((change) => ({ ...change, holdsSecret: holdsPlainSecret(change.before) || holdsPlainSecret(change.after) }));
  return { files, fixed: dedupeFixed(fixed), remaining, before, after };
}

/** The first selected check with findings in some app of the set, with that app's inputs. */
function nextFix(manifests: ManifestObject[], checks: readonly (typeof CATALOGUE)[number][], base: Omit<ReviewInputs, 'manifests'>) {
  if (checks.length === 0) return undefined;
  const groups = groupByApp(manifests).map((group) => ({ ...base, manifests: group.manifests }));
  const reports = groups.map((inputs) => ({ inputs, findings: review(inputs, checks).findings }));
  for (const check of checks) {
    for (const { inputs, findings } of reports) {
      const own = findings.filter((f) => f.id === check.id);
      if (own.length > 0) return { id: check.id, inputs, findings: own };
    }
  }
  return undefined;
}

function place(where: Pick<ManifestObject, 'file' | 'kind' | 'name'> | string): { file: string; object?: string } {
  return typeof where === 'string' ? { file: where } : { file: where.file, object: referenceOf(where) };
}

/** The same change reported twice (two rounds of one fixer) once. */
function dedupeFixed(items: readonly FixedItem[]): FixedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The checks `--only` names (with their companions), or every mechanical one; an unknown id is bad input. */
export function selectedChecks(only: readonly string[] | undefined): Set<string> {
  const mechanical = Object.keys(MECHANICAL_FIXES);
  if (only === undefined) return new Set(mechanical);
  const ids = only.map((id) => id.trim().toUpperCase()).filter((id) => id !== '');
  const wrong = ids.filter((id) => !Object.hasOwn(MECHANICAL_FIXES, id));
  if (ids.length === 0 || wrong.length > 0) {
    const got = wrong.length > 0 ? `"${wrong.join(', ')}" ${wrong.length === 1 ? 'is' : 'are'} not a check with a mechanical fix` : 'names no check';
    throw VibeInputError.single('--only', `${got}. Allowed: ${mechanical.join(', ')}. Example: --only A1,S1`);
  }
  return new Set(ids.flatMap((id) => [id, ...(COMPANIONS[id] ?? [])]));
}

function holdsPlainSecret(text: string | null): boolean {
  return text !== null && /^kind:\s*["']?Secret["']?\s*$/m.test(text);
}
