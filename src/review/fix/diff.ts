import { createTwoFilesPatch } from 'diff';
import { isMap, isScalar, type Document } from 'yaml';
import type { FixPlan } from './plan';
import { rewriteDocuments } from './workspace';

/** What a secret value is shown as in a diff. */
export const REDACTED = '<redacted>';

/**
 * The plan as one unified diff, file by file (`/dev/null` for a file added or removed). The
 * values of every plain Secret are replaced by <redacted> on both sides first, so the diff shows
 * which keys move, never what they hold.
 */
export function formatFixDiff(plan: Pick<FixPlan, 'files'>): string {
  return plan.files
    .map((file) => {
      const before = file.holdsSecret && file.before !== null ? redactSecrets(file.before) : file.before;
      const after = file.holdsSecret && file.after !== null ? redactSecrets(file.after) : file.after;
      return createTwoFilesPatch(before === null ? '/dev/null' : `a/${file.path}`, after === null ? '/dev/null' : `b/${file.path}`, before ?? '', after ?? '', undefined, undefined, { context: 3 });
    })
    .map((patch) => patch.replace(/^={60,}\n/, ''))
    .join('');
}

/** The text with every value under `data` and `stringData` of each `kind: Secret` replaced. */
export function redactSecrets(text: string): string {
  return rewriteDocuments(text, (document: Document) => {
    if (document.get('kind') !== 'Secret') return false;
    let changed = false;
    for (const field of ['data', 'stringData']) {
      const map = document.get(field, true);
      if (!isMap(map)) continue;
      for (const item of map.items) {
        if (isScalar(item.value) && item.value.value === REDACTED) continue;
        item.value = document.createNode(REDACTED);
        changed = true;
      }
    }
    return changed;
  });
}
