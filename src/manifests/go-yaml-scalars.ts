/**
 * How Kubernetes reads an unquoted YAML scalar: the resolver of go-yaml v2 (resolve.go), which
 * sigs.k8s.io/yaml — kubectl's and the API server's YAML — runs on every plain scalar. YAML 1.1
 * words (`yes`, `y`, `off`), Go's integer syntax (`0o17`, `0X1F`, `0B11`, `017`, `+12`,
 * underscores anywhere), Go's floats (`08` and `1e3` are floats, `1e400` is text).
 * test/manifests/go-yaml-oracle.test.ts holds this to Kubernetes' own parser.
 */
export type GoScalar =
  | { readonly kind: 'null'; readonly value: null }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int' | 'float'; readonly value: number }
  | { readonly kind: 'str'; readonly value: string };

const WORDS = new Map<string, GoScalar>();
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) WORDS.set(word, { kind: 'bool', value: true });
for (const word of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) WORDS.set(word, { kind: 'bool', value: false });
for (const word of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(word, { kind: 'null', value: null });
for (const word of ['.nan', '.NaN', '.NAN']) WORDS.set(word, { kind: 'float', value: NaN });
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) WORDS.set(word, { kind: 'float', value: Infinity });
for (const word of ['-.inf', '-.Inf', '-.INF']) WORDS.set(word, { kind: 'float', value: -Infinity });

/** go-yaml's `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's ParseFloat on text starting with `.` (once underscores are checked and dropped). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
/** Plain decimal integers that fit a double exactly: Number() reads them as ParseInt would. */
const SMALL_DECIMAL = /^[1-9][0-9]{0,14}$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * The first characters of every plain scalar that is not text (`''` for the empty one): any
 * other scalar is text without asking the resolver (the fast reader dispatches on them).
 */
export const GO_NON_TEXT_FIRST_CHARS: readonly string[] = [...new Set([...[...WORDS.keys()].map((word) => word.charAt(0)), '.', '+', '-', ...'0123456789'])];

export function resolveGoPlainScalar(source: string): GoScalar {
  const word = WORDS.get(source);
  if (word) return word;
  const first = source[0];
  if (first === '.') {
    const digits = withoutUnderscores(source);
    if (DOT_FLOAT.test(digits) && underscoresBetweenDigits(source)) return finiteFloat(digits);
    return text(source);
  }
  if (first !== '+' && first !== '-' && !(first >= '0' && first <= '9')) return text(source);
  // Ports, replicas, sizes: most numbers in manifests, read without BigInt arithmetic.
  if (SMALL_DECIMAL.test(source)) return { kind: 'int', value: Number(source) };
  // Timestamps (`2001-12-14`) stay text for an untyped value, as go-yaml keeps them.
  const plain = withoutUnderscores(source);
  const integer = goParseInt(plain);
  if (integer !== undefined) return { kind: 'int', value: Number(integer) };
  if (YAML_STYLE_FLOAT.test(plain)) return finiteFloat(plain);
  return text(source);
}

function withoutUnderscores(source: string): string {
  return source.includes('_') ? source.replace(/_/g, '') : source;
}

function text(source: string): GoScalar {
  return { kind: 'str', value: source };
}

/** Go's ParseFloat: out of range is an error, and go-yaml then keeps the text. */
function finiteFloat(source: string): GoScalar {
  const value = Number(source);
  return Number.isFinite(value) ? { kind: 'float', value } : text(source);
}

/** strconv.ParseInt(s, 0, 64), else strconv.ParseUint(s, 0, 64): the integer, or undefined. */
function goParseInt(s: string): bigint | undefined {
  let sign = 1n;
  let rest = s;
  if (rest[0] === '+' || rest[0] === '-') {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '') return undefined;
  let base = 10;
  if (rest[0] === '0') {
    const prefix = rest.length >= 3 ? rest[1].toLowerCase() : '';
    if (prefix === 'x' || prefix === 'o' || prefix === 'b') {
      base = prefix === 'x' ? 16 : prefix === 'o' ? 8 : 2;
      rest = rest.slice(2);
    } else {
      base = 8;
      rest = rest.slice(1);
    }
  }
  let value = 0n;
  for (const c of rest) {
    const digit = parseInt(c, 36);
    if (Number.isNaN(digit) || digit >= base) return undefined;
    value = value * BigInt(base) + BigInt(digit);
  }
  const signed = sign * value;
  if (signed >= INT64_MIN && signed <= INT64_MAX) return signed;
  // ParseUint takes no sign.
  if (s[0] !== '+' && s[0] !== '-' && value <= UINT64_MAX) return value;
  return undefined;
}

/** Go's underscoreOK for a decimal number: every `_` sits between two digits. */
function underscoresBetweenDigits(source: string): boolean {
  return !/(^|[^0-9])_|_($|[^0-9])/.test(source);
}
