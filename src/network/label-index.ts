import type { LabelSelector, Labels } from './label-selector';

/**
 * Items (pods, namespaces) by their labels, so that a selector finds what it matches by looking
 * up the values it pins instead of testing every item: the work is proportional to the items
 * that carry the selector's rarest pinned label, not to all of them.
 */
export class LabelIndex<T> {
  /** label key → label value → positions of the items that carry it, ascending. */
  private readonly positions = new Map<string, Map<string, number[]>>();

  constructor(
    private readonly items: readonly T[],
    private readonly labelsOf: (item: T) => Labels,
  ) {
    items.forEach((item, position) => {
      for (const [key, value] of Object.entries(labelsOf(item))) {
        let byValue = this.positions.get(key);
        if (!byValue) this.positions.set(key, (byValue = new Map()));
        const list = byValue.get(value);
        if (list) list.push(position);
        else byValue.set(value, [position]);
      }
    });
  }

  /** The items the selector matches, in their original order. */
  public select(selector: LabelSelector): T[] {
    let narrowest: number[] | undefined;
    for (const [key, values] of selector.requiredValues()) {
      const byValue = this.positions.get(key);
      const carrying: number[] = [];
      for (const value of values) carrying.push(...(byValue?.get(value) ?? []));
      if (values.size > 1) carrying.sort((a, b) => a - b);
      if (!narrowest || carrying.length < narrowest.length) narrowest = carrying;
    }
    const candidates = narrowest ? narrowest.map((position) => this.items[position]) : this.items;
    return candidates.filter((item) => selector.matches(this.labelsOf(item)));
  }
}
