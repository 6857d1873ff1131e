import type { Check } from './check';

/**
 * Every check of the review gate, in report order: one line per group file under checks/.
 * docs/checks.md is generated from this list.
 */
const GROUPS: readonly (readonly Check[])[] = [
  // (group arrays are added here, e.g. IMAGE_CHECKS)
];

export const CATALOGUE: readonly Check[] = GROUPS.flat();

/** A check by id. */
export function checkById(id: string): Check | undefined {
  return CATALOGUE.find((c) => c.id === id);
}
