import { namingProblems } from './naming-problems';
import { parseScope, type SealTarget } from './scope';
import { describeValue, VibeInputError, type InputProblem } from '../contract/errors';
import { DNS_LABEL, DNS_NAME, MAX_NAME_LENGTH } from '../contract/patterns';

/** How the caller calls the three fields: option names in the library, flags in the CLI. */
export interface TargetFieldNames {
  readonly namespace: string;
  readonly name: string;
  readonly scope: string;
}

const OPTION_NAMES: TargetFieldNames = { namespace: 'namespace', name: 'name', scope: 'scope' };

/**
 * Checks the Secret a value is sealed for before anything is encrypted: the namespace and name
 * are bound into the ciphertext, so a typo would produce a value the controller never opens.
 * Reports every problem at once.
 */
export function checkSealTarget(
  target: { readonly namespace?: unknown; readonly name?: unknown; readonly scope?: unknown },
  fields: TargetFieldNames = OPTION_NAMES,
): SealTarget {
  const problems: InputProblem[] = [];
  const namespace = target.namespace;
  if (typeof namespace !== 'string' || namespace.length > MAX_NAME_LENGTH || !DNS_LABEL.test(namespace)) {
    problems.push({
      field: fields.namespace,
      message: `got ${unrepeated(namespace)}; a namespace is at most ${MAX_NAME_LENGTH} lowercase letters, digits and "-", starting and ending with a letter or digit. Example: ${example(fields.namespace, 'platform-vibe-shop')}`,
    });
  }
  const name = target.name;
  if (typeof name !== 'string' || !DNS_NAME.test(name)) {
    problems.push({
      field: fields.name,
      message: `got ${unrepeated(name)}; a Secret name is lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters. Example: ${example(fields.name, 'shop-credentials')}`,
    });
  }
  let scope: SealTarget['scope'] = 'strict';
  try {
    if (target.scope !== undefined) scope = parseScope(target.scope, fields.scope);
  } catch (error) {
    if (!(error instanceof VibeInputError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new VibeInputError(problems);
  return { scope, namespace: namespace as string, name: name as string };
}

/**
 * A wrong name is described, not repeated: a secret pasted into `--name` by mistake would
 * otherwise land in the terminal and in CI logs.
 */
function unrepeated(value: unknown): string {
  if (typeof value !== 'string') return describeValue(value);
  return `a value that is not a valid name (${namingProblems(value)}; not repeated here, in case a secret was pasted)`;
}

function example(field: string, value: string): string {
  return field.startsWith('--') ? `${field} ${value}` : `${field}: ${value}`;
}
