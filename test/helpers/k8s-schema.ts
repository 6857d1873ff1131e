/**
 * Validates a Kubernetes object against the API schema with kubernetes-models 4.x (the 5.x line
 * is ESM and Node 22 only). Throws with the schema error; unknown kinds throw too, so a new kind
 * cannot slip through unvalidated.
 */
export function validateAgainstSchema(object: { apiVersion: string; kind: string }): void {
  const library = object.apiVersion.startsWith('bitnami.com/') ? '@kubernetes-models/sealed-secrets' : 'kubernetes-models';
  const modulePath = `${library}/${object.apiVersion}/${object.kind}`;
  let model: any;
  try {
    // The module depends on the kind, so it cannot be a static import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    model = require(modulePath)[object.kind];
  } catch {
    throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  }
  new model(object).validate();
}
