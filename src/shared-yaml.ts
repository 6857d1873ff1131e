import * as path from 'node:path';
import type * as YamlModule from 'yaml';

/**
 * The `yaml` library, one copy per process. cdk8s bundles its own copy of yaml (a
 * bundledDependency npm cannot dedupe), so a synth that also loaded ours parsed and compiled the
 * same 72 modules twice (about 30 ms of a cold `vibe synth`, measured by bench/require-profile.ts).
 * When cdk8s is installed and its bundled copy is the very version ours is, every vibe-env module
 * takes that copy; otherwise (no cdk8s, or a cdk8s bundling another version) ours. Nodes of either
 * copy are recognised by the other (yaml marks node types with `Symbol.for`), so a test holding a
 * node of the other copy still works.
 */
function loadYaml(): typeof YamlModule {
  const ours = require.resolve('yaml');
  try {
    const cdk8sDir = path.dirname(require.resolve('cdk8s/package.json'));
    const bundled = require.resolve('yaml', { paths: [cdk8sDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (bundled !== ours && versionAt(bundled) === versionAt(ours)) return require(bundled) as typeof YamlModule;
  } catch {
    // No cdk8s (review-only installs), or a layout without a bundled copy: ours.
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(ours) as typeof YamlModule;
}

/** The version in the package.json of the package a resolved entry file belongs to. */
function versionAt(entry: string): string | undefined {
  const marker = `${path.sep}node_modules${path.sep}yaml${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at === -1) return undefined;
  const manifest = path.join(entry.slice(0, at + marker.length), 'package.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(manifest) as { version?: string }).version;
}

const yaml = loadYaml();

export const Composer = yaml.Composer;
export const Document = yaml.Document;
export type Document = YamlModule.Document;
export const LineCounter = yaml.LineCounter;
export type LineCounter = YamlModule.LineCounter;
export const Lexer = yaml.Lexer;
export const Parser = yaml.Parser;
/** yaml's CST helpers (`tokenType`, `visit`, …); the CST types are `CST` below. */
export const cstTools = yaml.CST;
export const { isMap, isScalar, isSeq, parse, parseAllDocuments, parseDocument, visit } = yaml;
export type { CST, YAMLError, YAMLMap } from 'yaml';
