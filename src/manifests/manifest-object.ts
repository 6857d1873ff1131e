/**
 * One Kubernetes object read from a manifest file, with where it was written, so every
 * finding about it can point at `file:line`.
 */
export interface ManifestObject {
  /** The object as parsed, not copied: treat it as read-only. */
  readonly object: Record<string, any>;
  /** The path as the user gave it (or `<stdin>`). */
  readonly file: string;
  /** 1-based line where the object starts (its first key; for a `List` item, the item). */
  readonly line: number;
  /**
   * The object's `apiVersion`, `''` when not set.
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields
   */
  readonly apiVersion: string;
  /**
   * The object's `kind`, `''` when not set.
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields
   */
  readonly kind: string;
  /** `metadata.name`, or `metadata.generateName`, or `''` when neither is set. */
  readonly name: string;
  /**
   * `metadata.namespace` when set; objects without one land in the namespace chosen at apply time.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
   */
  readonly namespace?: string;
}

/** `file:line`, the way every message points at an object. */
export function locationOf(manifest: Pick<ManifestObject, 'file' | 'line'>): string {
  return `${manifest.file}:${manifest.line}`;
}

/** `Kind/name`, the way people and `kubectl` name an object. */
export function referenceOf(manifest: Pick<ManifestObject, 'kind' | 'name'>): string {
  return `${manifest.kind}/${manifest.name}`;
}
