import type { ReviewFlags } from '../cli/review-inputs';
import { closest, describeValue, VibeInputError, type InputProblem } from '../contract/errors';

/**
 * The `properties` of the plugin's `validations:` entry in cdk8s.yaml. Paths are relative to the
 * folder `cdk8s synth` runs in. All optional: without them the review uses the platform defaults
 * and the Dockerfiles found beside the output folder or in the folder above it.
 */
export interface VibeReviewProperties {
  /** Cluster settings (registry, mirror, host pattern, namespaces), as for `vibe review --cluster-config`. @default - the platform defaults */
  readonly clusterConfig?: string;
  /** The sealed-secrets controller certificate, so E7 checks the sealed values against its key. @default - none (E7 checks the layout only) */
  readonly cert?: string;
  /** The name shown in the report. @default - from the Namespace of the manifests */
  readonly appName?: string;
  /** Dockerfiles to check (A1, A2, A5, A6, E3). @default - found as `vibe review` finds them */
  readonly dockerfile?: string | readonly string[];
  /** The app's source tree, for file logging (G4). @default - none (G4 does not apply) */
  readonly src?: string;
  /** A log sample, for G3, G5 and G6. @default - none (those checks do not apply) */
  readonly logs?: string;
}

const STRING_PROPERTIES = ['clusterConfig', 'cert', 'appName', 'src', 'logs'] as const;
const KNOWN_PROPERTIES: readonly string[] = [...STRING_PROPERTIES, 'dockerfile'];

const EXAMPLES: Readonly<Record<string, string>> = {
  clusterConfig: 'clusterConfig: cluster.yaml',
  cert: 'cert: sealed-secrets-cert.pem',
  appName: 'appName: Inventory Checker',
  dockerfile: 'dockerfile: Dockerfile',
  src: 'src: src',
  logs: 'logs: sample.log',
};

/** Reads the properties as cdk8s passes them (any YAML), refusing unknown names and wrong types. */
export function readProperties(raw: unknown): VibeReviewProperties {
  if (raw === undefined || raw === null) return {};
  const where = 'validations[].properties';
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw VibeInputError.single(where, `got ${describeValue(raw)}, expected a map of fields. Example: properties: { ${EXAMPLES.cert} }`);
  }
  const problems: InputProblem[] = [];
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = `${where}.${name}`;
    if (!KNOWN_PROPERTIES.includes(name)) {
      const suggestion = closest(name, KNOWN_PROPERTIES);
      problems.push({ field, message: `unknown property.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known properties: ${KNOWN_PROPERTIES.join(', ')}.` });
      continue;
    }
    const isText = (v: unknown) => typeof v === 'string' && v.trim() !== '';
    const ok = name === 'dockerfile' ? isText(value) || (Array.isArray(value) && value.length > 0 && value.every(isText)) : isText(value);
    if (!ok) {
      const expected = name === 'dockerfile' ? 'a file path or a list of them' : name === 'appName' ? 'a name' : 'a file path';
      problems.push({ field, message: `got ${describeValue(value)}, expected ${expected}. Example: ${EXAMPLES[name]}` });
      continue;
    }
    properties[name] = value;
  }
  if (problems.length > 0) throw new VibeInputError(problems);
  return properties as VibeReviewProperties;
}

/** The same inputs `vibe review` takes from its flags. */
export function flagsOf(properties: VibeReviewProperties): ReviewFlags {
  const dockerfile = properties.dockerfile === undefined ? undefined : typeof properties.dockerfile === 'string' ? [properties.dockerfile] : [...properties.dockerfile];
  return {
    ...(properties.clusterConfig ? { clusterConfig: properties.clusterConfig } : {}),
    ...(properties.cert ? { cert: properties.cert } : {}),
    ...(properties.appName ? { appName: properties.appName } : {}),
    ...(dockerfile ? { dockerfile } : {}),
    ...(properties.src ? { src: properties.src } : {}),
    ...(properties.logs ? { logs: properties.logs } : {}),
  };
}
