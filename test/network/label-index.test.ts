import fc from 'fast-check';
import { LabelIndex } from '../../src/network/label-index';
import { LabelSelector, type Labels } from '../../src/network/label-selector';

/** Small pools, so selectors often match, and keys collide with Object.prototype names. */
const KEYS = ['app', 'tier', 'team', 'toString'];
const VALUES = ['a', 'b', 'c', ''];
const labels = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 });
const requirement = fc.oneof(
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('In', 'NotIn'), values: fc.subarray(VALUES, { minLength: 1 }) }),
  fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
);
const selector = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
    matchExpressions: fc.array(requirement, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe('LabelIndex', () => {
  it('selects exactly what testing every item selects, in the same order', () => {
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 60 }), selector, (items, raw) => {
        const parsed = LabelSelector.parse(raw, 'selector');
        const index = new LabelIndex<Labels>(items, (item) => item);
        expect(index.select(parsed)).toEqual(items.filter((item) => parsed.matches(item)));
      }),
      { numRuns: 500 },
    );
  });
});
