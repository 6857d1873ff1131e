/** Names derived from the cluster prefix and the app's slug, shared by synthesis and review. */

/** The app namespace: `{prefix}-vibe-{slug}`. */
export function namespaceFor(prefix: string, slug: string): string {
  return `${prefix}-vibe-${slug}`;
}

/** The ingress host from the cluster pattern: `{prefix}-{slug}.internal.example.com`. */
export function hostFromPattern(pattern: string, prefix: string, slug: string): string {
  return pattern.replace(/\{prefix\}/g, prefix).replace(/\{slug\}/g, slug);
}
