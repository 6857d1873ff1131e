import { InvalidPolicyError } from './invalid-policy';

/** Labels of a pod or a namespace, values always text. */
export type Labels = Readonly<Record<string, string>>;

type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
const OPERATORS: ReadonlySet<string> = new Set<Operator>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: ReadonlySet<string>;
}

/**
 * A Kubernetes label selector: every `matchLabels` pair and every `matchExpressions` entry must
 * hold (AND). The empty selector `{}` selects everything.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export class LabelSelector {
  /** `{}`: selects every pod (or namespace). */
  public static readonly everything = new LabelSelector([]);

  /**
   * Reads a selector as written in a manifest. Throws `InvalidPolicyError` for what the API
   * server refuses: an unknown operator, `In`/`NotIn` without values, `Exists` with values.
   */
  public static parse(raw: unknown, field: string): LabelSelector {
    if (raw === undefined || raw === null) return LabelSelector.everything;
    if (!isMap(raw)) throw new InvalidPolicyError(field, 'must be a map with matchLabels and/or matchExpressions.');
    const requirements: Requirement[] = [];
    const matchLabels = raw.matchLabels ?? {};
    if (!isMap(matchLabels)) throw new InvalidPolicyError(`${field}.matchLabels`, 'must be a map of label: value.');
    for (const [key, value] of Object.entries(matchLabels)) {
      if (!isScalar(value)) throw new InvalidPolicyError(`${field}.matchLabels.${key}`, 'must be a single label value.');
      requirements.push({ key, operator: 'In', values: new Set([labelText(value)]) });
    }
    const expressions = raw.matchExpressions ?? [];
    if (!Array.isArray(expressions)) throw new InvalidPolicyError(`${field}.matchExpressions`, 'must be a list.');
    expressions.forEach((expression, index) => requirements.push(parseRequirement(expression, `${field}.matchExpressions[${index}]`)));
    return new LabelSelector(requirements);
  }

  private constructor(private readonly requirements: readonly Requirement[]) {}

  /** True for `{}` (and an absent selector): every pod or namespace matches. */
  public get isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /**
   * The label keys every match must have, each with the values it may take (`matchLabels` and
   * `In`): what an index of labels can look matches up by. Empty when no key is pinned to values.
   */
  public requiredValues(): ReadonlyArray<readonly [string, ReadonlySet<string>]> {
    return this.requirements.filter(({ operator }) => operator === 'In').map(({ key, values }) => [key, values] as const);
  }

  public matches(labels: Labels): boolean {
    for (const { key, operator, values } of this.requirements) {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (operator) {
        case 'In':
          if (!has || !values.has(labels[key])) return false;
          break;
        case 'NotIn':
          if (has && values.has(labels[key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
      }
    }
    return true;
  }
}

/** `metadata.labels` as text values; anything that is not a map holds no labels. */
export function labelsOf(raw: unknown): Labels {
  if (!isMap(raw)) return {};
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (isScalar(value)) labels[key] = labelText(value);
  return labels;
}

function parseRequirement(raw: unknown, field: string): Requirement {
  if (!isMap(raw)) throw new InvalidPolicyError(field, 'must be a map with key, operator and values.');
  const { key, operator, values = [] } = raw;
  if (typeof key !== 'string' || key === '') throw new InvalidPolicyError(`${field}.key`, 'is required: the label key to test.');
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    throw new InvalidPolicyError(`${field}.operator`, `got ${JSON.stringify(operator)}; allowed are In, NotIn, Exists, DoesNotExist.`);
  }
  if (!Array.isArray(values) || !values.every(isScalar)) throw new InvalidPolicyError(`${field}.values`, 'must be a list of label values.');
  const needsValues = operator === 'In' || operator === 'NotIn';
  if (needsValues && values.length === 0) throw new InvalidPolicyError(`${field}.values`, `must not be empty for ${operator}.`);
  if (!needsValues && values.length > 0) throw new InvalidPolicyError(`${field}.values`, `must be empty for ${operator}.`);
  return { key, operator: operator as Operator, values: new Set(values.map(labelText)) };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean | null {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean';
}

/** `version: 2` written without quotes still means the label value "2". */
function labelText(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}
