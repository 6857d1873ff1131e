import { mirrored, upstreamOf, type RegistryMirrors } from '../../contract/images';

/**
 * An image reference split the way the container runtime reads it
 * (`[host[:port]/]path[:tag][@digest]`, as in the distribution/reference library).
 */
export interface ImageReference {
  /** The reference as written. */
  readonly written: string;
  /** The registry host (with port), when the first path segment is one. */
  readonly host?: string;
  /** The repository path below the host, e.g. `library/redis` or `redis`. */
  readonly path: string;
  readonly tag?: string;
  /** `sha256:…`, when the reference is pinned to a digest. */
  readonly digest?: string;
}

/** Hosts that are Docker Hub under another name. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * Splits an image reference. The first path segment is a registry host only when it contains
 * `.` or `:`, is `localhost`, or has capital letters (repository paths cannot); otherwise the
 * runtime pulls from Docker Hub: `redis:7`, `library/redis`, `bitnami/redis` all do.
 */
export function parseImageReference(image: string): ImageReference {
  const written = image.trim();
  const at = written.indexOf('@');
  const name = at >= 0 ? written.slice(0, at) : written;
  const digest = at >= 0 ? written.slice(at + 1) || undefined : undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  // A ':' before the last '/' is a registry port, not a tag.
  const hasTag = colon > slash;
  const repository = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) || undefined : undefined;
  const firstSlash = repository.indexOf('/');
  const first = firstSlash >= 0 ? repository.slice(0, firstSlash) : undefined;
  const isHost = first !== undefined && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  return isHost ? { written, host: first, path: repository.slice(firstSlash + 1), tag, digest } : { written, path: repository, tag, digest };
}

/** True when the reference is pulled from Docker Hub: no registry host, or one of Docker Hub's own. */
export function isDockerHub(ref: ImageReference): boolean {
  return ref.host === undefined || DOCKER_HUB_HOSTS.has(ref.host.toLowerCase());
}

/**
 * True when the image lies below `prefix` (a registry host, with an optional path) on a path
 * boundary: `harbor.x/team/app` is below `harbor.x` and `harbor.x/team`, not below `harbor.xy`.
 */
export function isBelow(image: string, prefix: string): boolean {
  const base = prefix.trim().replace(/\/+$/, '').toLowerCase();
  return base.length > 0 && image.trim().toLowerCase().startsWith(`${base}/`);
}

/** True when an image string cannot be judged: empty, or an unexpanded `$VAR` / `$(VAR)`. */
export function isUnresolved(image: string): boolean {
  return image.trim() === '' || image.includes('$');
}

/**
 * Where the image would come from through the cluster's mirror of its registry: Docker Hub
 * images as `{mirrors.dockerHub}/<path without library/>`, gcr.io/ghcr.io/quay.io images as
 * `{that registry's mirror}/<path>`. Tag and digest are kept. A leading `mirror/` without a host
 * is the article's placeholder for the mirror, so it is replaced (`mirror/gcr.io/distroless/…`
 * goes to the gcr.io mirror). Undefined for a registry the platform has no mirror for.
 */
export function throughMirror(ref: ImageReference, mirrors: RegistryMirrors): string | undefined {
  const pin = `${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  if (isDockerHub(ref)) {
    const path = ref.path.replace(ref.host === undefined ? /^(library|mirror)\// : /^library\//, '');
    if (ref.host === undefined && ref.path.startsWith('mirror/') && upstreamOf(path)?.upstream !== 'dockerHub') {
      const placeholder = upstreamOf(path);
      if (placeholder) return mirrored(mirrors[placeholder.upstream], `${placeholder.path}${pin}`);
    }
    return mirrored(mirrors.dockerHub, `${path}${pin}`);
  }
  const from = upstreamOf(`${ref.host!.toLowerCase()}/${ref.path}`);
  return from ? mirrored(mirrors[from.upstream], `${from.path}${pin}`) : undefined;
}

/** The last segment of the repository path: `harbor.x/team/shop-app:1` → `shop-app`. */
export function shortName(ref: ImageReference): string {
  return ref.path.split('/').pop() || ref.path;
}
