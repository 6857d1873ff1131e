/**
 * Prints what a check concludes on its fixtures, in the format of test/checks/<ID>/expected.yaml,
 * to help state the expectation of a new fixture: read it, keep the words of the message that
 * say what is wrong, and paste it into the sidecar by hand. It never writes the sidecar, so the
 * expectations stay statements about the fixtures rather than copies of today's output.
 *
 *   npx ts-node --swc scripts/fixture-verdicts.ts C7 [fail.new-fixture.yaml …]
 */
import * as path from 'node:path';
import { stringify } from 'yaml';
import { checkById } from '../src/review/catalogue';
import { isInScope } from '../src/review/check-scope';
import { ReviewContext } from '../src/review/context';
import { portableMessage, verdictPlace } from '../test/helpers/fixture-expectations';
import { fixtureInputs, fixturesOf } from '../test/helpers/review-fixture';

const [id, ...names] = process.argv.slice(2);
const check = id ? checkById(id) : undefined;
if (!check) {
  process.stderr.write('usage: scripts/fixture-verdicts.ts <check id, e.g. C7> [fixture names…]\n');
  process.exit(2);
}
const out: Record<string, unknown> = {};
for (const [kind, file] of fixturesOf(path.join(__dirname, '..', 'test', 'checks', check.id))) {
  const name = path.basename(file);
  if (names.length > 0 && !names.includes(name)) continue;
  const context = new ReviewContext(fixtureInputs(file));
  if (kind === 'na' || !isInScope(check.scope, context)) {
    out[name] = { notApplicable: true };
    continue;
  }
  const results = check.run(context);
  const passes = results.filter((r) => r.status === 'pass').length;
  const fail = results.filter((r) => r.status === 'fail').map((r) => ({ ...verdictPlace(r, file), message: portableMessage(r.message ?? '', file).split(' — ')[0] }));
  out[name] = fail.length === 0 ? { pass: passes } : passes > 0 ? { fail, pass: passes } : { fail };
}
process.stdout.write(stringify(out, { lineWidth: 0 }));
