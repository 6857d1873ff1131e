import { InvalidPolicyError, IpBlock, LabelSelector, labelsOf } from '../../src/network';

describe('LabelSelector', () => {
  it('selects everything when empty or absent', () => {
    for (const raw of [undefined, null, {}, { matchLabels: {}, matchExpressions: [] }]) {
      const selector = LabelSelector.parse(raw, 'sel');
      expect([selector.isEmpty, selector.matches({}), selector.matches({ any: 'thing' })]).toEqual([true, true, true]);
    }
  });

  it('needs every matchLabels pair', () => {
    const selector = LabelSelector.parse({ matchLabels: { app: 'web', tier: 'front' } }, 'sel');
    expect([selector.matches({ app: 'web', tier: 'front', extra: 'x' }), selector.matches({ app: 'web' }), selector.matches({ app: 'web', tier: 'back' })]).toEqual([true, false, false]);
  });

  it('treats NotIn and DoesNotExist as true for a missing label, In and Exists as false', () => {
    const test = (operator: string, values?: string[]) => LabelSelector.parse({ matchExpressions: [{ key: 'k', operator, ...(values ? { values } : {}) }] }, 'sel').matches({});
    expect([test('In', ['a']), test('NotIn', ['a']), test('Exists'), test('DoesNotExist')]).toEqual([false, true, false, true]);
  });

  it('fails on a selector that is not a map, with the field', () => {
    expect(() => LabelSelector.parse(['app'], 'spec.podSelector')).toThrow(new InvalidPolicyError('spec.podSelector', 'must be a map with matchLabels and/or matchExpressions.'));
    expect(() => LabelSelector.parse({ matchLabels: { app: ['a'] } }, 'sel')).toThrow(/sel\.matchLabels\.app: must be a single label value/);
    expect(() => LabelSelector.parse({ matchExpressions: [{ operator: 'Exists' }] }, 'sel')).toThrow(/sel\.matchExpressions\[0\]\.key: is required/);
  });

  it('reads metadata.labels as text and ignores what cannot be a label', () => {
    expect(labelsOf({ a: 'x', b: 2, c: true, d: { nested: 1 } })).toEqual({ a: 'x', b: '2', c: 'true' });
    expect(labelsOf('not a map')).toEqual({});
  });
});

describe('IpBlock', () => {
  it('contains the addresses of its range minus the except ranges', () => {
    const block = IpBlock.parse({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.0/24'] }, 'ipBlock');
    expect(['10.0.0.1', '10.1.2.3', '10.2.3.4', '10.2.4.1', '11.0.0.1', 'not-an-ip'].map((a) => block.contains(a))).toEqual([true, false, false, true, false, false]);
    expect(block.coversEverything).toBe(false);
  });

  it('knows a block that spans a whole family', () => {
    expect(IpBlock.parse({ cidr: '0.0.0.0/0' }, 'b').coversEverything).toBe(true);
    expect(IpBlock.parse({ cidr: '::/0' }, 'b').coversEverything).toBe(true);
  });

  it('fails on a malformed CIDR or an except that is not a strict subset', () => {
    expect(() => IpBlock.parse({ cidr: '10.0.0.0' }, 'b')).toThrow(/b\.cidr: got "10\.0\.0\.0"; expected a CIDR/);
    expect(() => IpBlock.parse({ cidr: '10.0.0.0/33' }, 'b')).toThrow(/b\.cidr/);
    expect(() => IpBlock.parse({ cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }, 'b')).toThrow(/b\.except\[0\]: 10\.0\.0\.0\/8 must be a strict subset/);
    expect(() => IpBlock.parse({ cidr: '10.0.0.0/8', except: ['2001:db8::/32'] }, 'b')).toThrow(/strict subset/);
    expect(() => IpBlock.parse({ cidr: '10.0.0.0/8', except: '10.1.0.0/16' }, 'b')).toThrow(/b\.except: must be a list of CIDRs/);
  });
});
