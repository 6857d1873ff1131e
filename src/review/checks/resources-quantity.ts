/**
 * Kubernetes resource quantities compared by value, the way the API server reads them:
 * `0.2` == `200m`, `1Gi` == `1024Mi`, `1e3` == `1k`. Values are held exactly as a count of
 * nano-units (BigInt); like Kubernetes, anything finer than a nano-unit is rounded up.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWERS: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };

/** Decimal exponents beyond this are refused as not a quantity (nothing real is that large). */
const MAX_POWER = 1000;

/** Quantities read so far, by text (bounded: the texts come from the manifests under review). */
const parsed = new Map<string, bigint | undefined>();

/** A quantity in nano-units, or `undefined` when the text is not a quantity. */
export function parseQuantity(value: unknown): bigint | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  // A set repeats the same few quantities (250m, 512Mi) thousands of times: each text is read once.
  if (parsed.has(text)) return parsed.get(text);
  const nanos = parseQuantityText(text);
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(text, nanos);
  return nanos;
}

function parseQuantityText(text: string): bigint | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, number, exponent, suffix] = match;
  const [whole, fraction = ''] = number.split('.');
  const digits = BigInt(`${whole}${fraction}` || '0');
  let power10 = -fraction.length + 9;
  let binary = 1n;
  if (exponent) power10 += Number(exponent.slice(1));
  else if (suffix && suffix in BINARY_POWERS) binary = 1024n ** BigInt(BINARY_POWERS[suffix]);
  else if (suffix) power10 += DECIMAL_EXPONENTS[suffix];
  // `1e999999999` is a valid spelling but no real amount; refusing it keeps BigInt maths cheap.
  if (Math.abs(power10) > MAX_POWER) return undefined;
  const scaled = digits * binary;
  let nanos: bigint;
  if (power10 >= 0) {
    nanos = scaled * 10n ** BigInt(power10);
  } else {
    const divisor = 10n ** BigInt(-power10);
    nanos = (scaled + divisor - 1n) / divisor;
  }
  return sign === '-' ? -nanos : nanos;
}

/** True when both are quantities of the same value. */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && x === y;
}

/** -1, 0 or 1; `undefined` when either is not a quantity. */
export function compareQuantities(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}
