import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAndCheck, type FixOutcome } from './fix-harness';
import { defaultClusterConfig } from '../../../src/contract/cluster-defaults';
import { MECHANICAL_FIXES } from '../../../src/review/catalogue';
import { corpusPath } from '../../helpers/corpus';

/**
 * `vibe review --fix` over the public corpus (Polaris fixtures, real-world sets, the Pod Security
 * fixtures), each file on its own: the fix adds no finding, keeps every comment line, and a second
 * fix changes nothing. What it fixes is counted; a mechanical finding it leaves must say why.
 */

const PARTS = ['polaris', 'realworld', 'pod-security'] as const;

function manifestFiles(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return manifestFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const mechanicalCount = (findings: readonly { id: string }[]) => findings.filter((f) => Object.hasOwn(MECHANICAL_FIXES, f.id)).length;

for (const part of PARTS) {
  const dir = corpusPath(part, `vibe review --fix over the corpus (${part})`);
  (dir ? describe : describe.skip)(`vibe review --fix over the corpus: ${part}`, () => {
    const files = dir ? manifestFiles(dir) : [];
    const totals = { files: 0, before: 0, after: 0, unexplained: 0 };
    afterAll(() => {
      // The numbers the fix reaches on this part of the corpus (for the record, not asserted).
      process.stdout.write(`corpus ${part}: ${totals.files} files, mechanical findings ${totals.before} → ${totals.after} (${totals.unexplained} left without a reason)\n`);
    });

    it.each(files.map((file) => [path.relative(dir!, file), file] as const))('%s', (_name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      let outcome: FixOutcome;
      try {
        outcome = fixAndCheck([{ path: file, text }], { cluster: defaultClusterConfig() }, { imageTag: undefined });
      } catch (error) {
        // A file the review refuses as input (not a manifest) is refused by the fix the same way.
        expect((error as Error).name).toBe('VibeInputError');
        return;
      }
      const before = outcome.plan.before.apps.flatMap((app) => app.findings);
      totals.files++;
      totals.before += mechanicalCount(before);
      totals.after += mechanicalCount(outcome.plan.remaining);
      totals.unexplained += outcome.plan.remaining.filter((f) => f.mechanical && !f.why).length;
      const { newFindings, lostComments, secondChanges } = outcome;
      expect({ newFindings, lostComments, secondChanges }).toEqual({ newFindings: [], lostComments: [], secondChanges: [] });
    });
  });
}
