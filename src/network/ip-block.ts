import { BlockList, isIP } from 'node:net';
import { InvalidPolicyError } from './invalid-policy';

interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/**
 * An `ipBlock` peer: addresses in `cidr` but not in any `except` range. Pod IPs are not
 * modelled, so an ipBlock never matches a pod or an in-cluster actor, only an address
 * outside the cluster. (Kubernetes leaves ipBlock matching of pod IPs to the network plugin
 * and advises against relying on it.)
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export class IpBlock {
  /** Reads `{ cidr, except }`; throws `InvalidPolicyError` for what the API server refuses. */
  public static parse(raw: unknown, field: string): IpBlock {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidPolicyError(field, 'must be a map with cidr and optional except.');
    const { cidr, except = [] } = raw as { cidr?: unknown; except?: unknown };
    const range = parseCidr(cidr, `${field}.cidr`);
    if (!Array.isArray(except)) throw new InvalidPolicyError(`${field}.except`, 'must be a list of CIDRs.');
    const exceptions = except.map((entry, index) => {
      const inner = parseCidr(entry, `${field}.except[${index}]`);
      const inside = inner.family === range.family && blockOf([range]).check(inner.address, inner.family) && inner.prefix > range.prefix;
      if (!inside) throw new InvalidPolicyError(`${field}.except[${index}]`, `${entry} must be a strict subset of cidr ${cidr}.`);
      return inner;
    });
    return new IpBlock(range, exceptions);
  }

  private readonly included: BlockList;
  private readonly excluded: BlockList;

  private constructor(private readonly range: Cidr, exceptions: readonly Cidr[]) {
    this.included = blockOf([range]);
    this.excluded = blockOf(exceptions);
  }

  /** True when the block spans a whole address family (`0.0.0.0/0`, `::/0`): "the internet". */
  public get coversEverything(): boolean {
    return this.range.prefix === 0;
  }

  public contains(address: string): boolean {
    const family = familyOf(address);
    if (!family || family !== this.range.family) return false;
    return this.included.check(address, family) && !this.excluded.check(address, family);
  }
}

function parseCidr(raw: unknown, field: string): Cidr {
  const match = typeof raw === 'string' ? /^([^/]+)\/(\d{1,3})$/.exec(raw.trim()) : null;
  const family = match ? familyOf(match[1]) : undefined;
  const prefix = match ? Number(match[2]) : NaN;
  if (!match || !family || prefix > (family === 'ipv4' ? 32 : 128)) {
    throw new InvalidPolicyError(field, `got ${JSON.stringify(raw)}; expected a CIDR such as 10.0.0.0/8 or 2001:db8::/32.`);
  }
  return { address: match[1], prefix, family };
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

function blockOf(ranges: readonly Cidr[]): BlockList {
  const list = new BlockList();
  for (const { address, prefix, family } of ranges) list.addSubnet(address, prefix, family);
  return list;
}
