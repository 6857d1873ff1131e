import type * as SharedYaml from '../shared-yaml';

/**
 * The `yaml` library, loaded when first needed: plain manifests are read by js-yaml, so most
 * reviews never need it, and loading it costs about 60 ms of a review of one app.
 */
export function yamlLibrary(): typeof SharedYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../shared-yaml') as typeof SharedYaml;
}
