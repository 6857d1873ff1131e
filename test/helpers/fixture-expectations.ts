import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Check, CheckResult } from '../../src/review/check';

/**
 * What the fixtures of one check expect, from `test/checks/<ID>/expected.yaml` (one sidecar per
 * check, so log, metrics, Dockerfile and folder fixtures state it the same way as YAML ones):
 *
 *     fail.uid-zero.yaml:          # a fail fixture lists every failure it must produce
 *       fail:
 *         - object: Deployment/api # Kind/name of the object, or
 *           file: Dockerfile       #   the file (relative to the fixture) for a located verdict
 *           line: 12               # where the finding points
 *           message: runs as root  # text the message contains (or /a regular expression/);
 *                                  # paths in it are relative to the check's folder
 *           count: 2               # how many such failures (default 1)
 *       pass: 1                    # optional for fail fixtures: exactly this many pass verdicts
 *     pass.pod-level.yaml:
 *       pass: 1                    # exactly this many pass verdicts, at least 1, no failure
 *     na.no-app-workload.yaml:
 *       notApplicable: true        # nothing in the check's scope: not run, no verdict
 *
 * A new fixture states its expectation by hand; `scripts/fixture-verdicts.ts <ID>` prints what the
 * check concludes today in this format, as a starting point to read and trim.
 */
export interface FixtureExpectation {
  readonly fail?: readonly ExpectedFailure[];
  readonly pass?: number;
  readonly notApplicable?: boolean;
}

export interface ExpectedFailure {
  readonly object?: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
  readonly count?: number;
}

export const EXPECTATIONS_FILE = 'expected.yaml';

/** The fixture prefixes: must fail, must pass, must be out of the check's scope. */
export type FixtureKind = 'fail' | 'pass' | 'na';

export function fixtureKindOf(name: string): FixtureKind | undefined {
  const prefix = /^(pass|fail|na)\./.exec(name)?.[1];
  return prefix as FixtureKind | undefined;
}

/** The sidecar of a check's fixture folder, by fixture name (an absent sidecar expects nothing). */
export function readExpectations(checkDir: string): Record<string, FixtureExpectation> {
  const file = path.join(checkDir, EXPECTATIONS_FILE);
  if (!fs.existsSync(file)) return {};
  return (parseYaml(fs.readFileSync(file, 'utf8')) ?? {}) as Record<string, FixtureExpectation>;
}

/** What one verdict is about, in the sidecar's terms. */
export function verdictPlace(result: CheckResult, fixture: string): { object?: string; file?: string; line?: number } {
  if (result.object) return { object: `${result.object.kind}/${result.object.name}`, line: result.object.line };
  if (!result.location) return {};
  const base = fs.statSync(fixture).isDirectory() ? fixture : path.dirname(fixture);
  return { file: path.relative(base, result.location.file), line: result.location.line };
}

/** A message with the fixture folder's absolute path taken out, so sidecars hold no machine paths. */
export function portableMessage(message: string, fixture: string): string {
  return message.split(`${path.dirname(fixture)}${path.sep}`).join('');
}

function messageMatches(expected: string, message: string): boolean {
  const regex = /^\/(.+)\/$/s.exec(expected);
  return regex ? new RegExp(regex[1]).test(message) : message.includes(expected);
}

function matches(expected: ExpectedFailure, result: CheckResult, fixture: string): boolean {
  const place = verdictPlace(result, fixture);
  if (expected.object !== undefined && expected.object !== place.object) return false;
  if (expected.file !== undefined && expected.file !== place.file) return false;
  if (expected.line !== undefined && expected.line !== place.line) return false;
  return messageMatches(expected.message, portableMessage(result.message ?? '', fixture));
}

/**
 * Every way the check's verdicts on a fixture differ from what the fixture states, in words (an
 * empty list: as expected). `applicable` is the check's scope verdict on the fixture.
 */
export function expectationProblems(
  check: Pick<Check, 'id'>,
  fixture: string,
  expectation: FixtureExpectation | undefined,
  results: readonly CheckResult[],
  applicable: boolean,
): string[] {
  const name = path.basename(fixture);
  const kind = fixtureKindOf(name);
  if (!expectation) return [`${check.id}/${name} states no expectation in ${EXPECTATIONS_FILE}`];
  const problems: string[] = [];
  const passes = results.filter((r) => r.status === 'pass');
  const failures = results.filter((r) => r.status === 'fail');
  const describe = (r: CheckResult) => `${JSON.stringify(verdictPlace(r, fixture))} ${r.message ?? ''}`;
  if (kind === 'na') {
    if (!expectation.notApplicable) problems.push(`${name} is a not-applicable fixture but does not say notApplicable: true`);
    if (applicable) problems.push(`${name} holds something in ${check.id}'s scope, so the check applies`);
    if (results.length > 0) problems.push(`${name} got ${results.length} verdict(s) though out of scope: ${results.map(describe).join('; ')}`);
    return problems;
  }
  if (expectation.notApplicable) problems.push(`${name} says notApplicable but is named ${kind}.…; not-applicable fixtures are named na.…`);
  if (!applicable) problems.push(`${name} holds nothing in ${check.id}'s scope: the check is not applicable (name it na.…)`);
  if (expectation.pass !== undefined && passes.length !== expectation.pass) problems.push(`${name}: expected ${expectation.pass} pass verdict(s), got ${passes.length}`);
  if (kind === 'pass') {
    if (passes.length === 0) problems.push(`${name} is a pass fixture but produced no pass verdict: it exercises nothing`);
    if (expectation.pass === undefined) problems.push(`${name} does not state how many pass verdicts it expects (pass: N)`);
    if (expectation.fail?.length) problems.push(`${name} is a pass fixture but lists failures`);
    for (const failure of failures) problems.push(`${name} must pass but failed: ${describe(failure)}`);
    return problems;
  }
  const expected = expectation.fail ?? [];
  if (expected.length === 0) problems.push(`${name} is a fail fixture but lists no failure`);
  const unmatched = [...failures];
  for (const entry of expected) {
    const count = entry.count ?? 1;
    let found = 0;
    for (let i = unmatched.length - 1; i >= 0 && found < count; i--) {
      if (!matches(entry, unmatched[i], fixture)) continue;
      unmatched.splice(i, 1);
      found++;
    }
    if (found < count) problems.push(`${name}: expected ${count} failure(s) ${JSON.stringify(entry)}, found ${found}`);
  }
  for (const failure of unmatched) problems.push(`${name}: unexpected failure ${describe(failure)}`);
  return problems;
}
