import { joinedText, numberOf, textOf } from '../../src/review/text';

describe('textOf', () => {
  it('reads values as String() does', () => {
    for (const value of ['a', 1, 0.5, -0, NaN, true, null, undefined, [], [1, [2, 3]], [null, undefined, 'x'], { a: 1 }, new Date(0)]) {
      expect(textOf(value)).toBe(String(value));
    }
  });

  it('reads a map with its own toString or valueOf key as any map, where String() throws', () => {
    const unprintable = { toString: 1 };
    expect(() => String(unprintable)).toThrow(TypeError);
    expect(textOf(unprintable)).toBe('[object Object]');
    expect(textOf({ toString: 1, valueOf: 1 })).toBe('[object Object]');
    expect(textOf(['a', unprintable, ['b', unprintable]])).toBe('a,[object Object],b,[object Object]');
  });

  it('skips a list inside itself, as join does', () => {
    const list: unknown[] = ['a'];
    list.push(list);
    expect(textOf(list)).toBe(String(list));
  });
});

describe('joinedText', () => {
  it('joins as Array.prototype.join, null and undefined as empty, maps as [object Object]', () => {
    expect(joinedText(['sh', '-c', null, 1, undefined], ' ')).toBe(['sh', '-c', null, 1, undefined].join(' '));
    expect(joinedText(['wait', { toString: 1 }], ' ')).toBe('wait [object Object]');
  });
});

describe('numberOf', () => {
  it('reads values as Number() does, and a list holding an unprintable map as its text', () => {
    for (const value of ['8081', 8081, '', null, undefined, true, [], ['7'], [1, 2], { a: 1 }]) expect(numberOf(value)).toBe(Number(value));
    expect(() => Number([{ toString: 1 }])).toThrow(TypeError);
    expect(numberOf([{ toString: 1 }])).toBeNaN();
  });
});
