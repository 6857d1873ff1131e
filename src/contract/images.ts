import { PLATFORM_COMPONENTS, type WorkloadComponent } from '../components/catalogue';

/** The platform components that run an image of their own (all but the creator's app). */
type ImagedComponent = { [K in WorkloadComponent]: (typeof PLATFORM_COMPONENTS)[K]['platform'] extends { readonly image: string } ? K : never }[WorkloadComponent];

/** The images the platform runs: a component's (by catalogue name) or the wait-for init container's. */
export type ComponentImage = ImagedComponent | 'waitFor';

/**
 * Images of the platform's components, as paths below the cluster's Docker Hub mirror
 * (`{mirrorPrefix}/<path>`), from the component catalogue. Nothing is ever pulled from Docker
 * Hub directly.
 */
export const COMPONENT_IMAGES: Readonly<Record<ComponentImage, string>> = {
  ...(Object.fromEntries(
    Object.values(PLATFORM_COMPONENTS).flatMap((c) => ('image' in c.platform ? [[c.name, c.platform.image]] : [])),
  ) as Record<ImagedComponent, string>),
  /** Small Debian image with bash, used by init containers that wait for a port. */
  waitFor: 'debian:12-slim',
};

/** The nine supported runtimes and their Debian-based images (never Alpine: musl breaks native extensions). */
export const RUNTIMES = ['node22', 'node20', 'python3.12', 'python3.11', 'go1.23', 'jvm21', 'jvm17', 'rust1.78', 'php8.3'] as const;
export type Runtime = (typeof RUNTIMES)[number];
export const DEFAULT_RUNTIME: Runtime = 'node22';

export interface RuntimeImages {
  readonly language: string;
  readonly label: string;
  /** Build stage image, below the mirror; absent when one image builds and runs. */
  readonly build?: string;
  /** Image the app runs on, below the mirror. */
  readonly run: string;
  /** A separate build stage is mandatory (compiled languages on distroless). */
  readonly multiStage: boolean;
  readonly notes: string;
}

export const RUNTIME_IMAGES: Readonly<Record<Runtime, RuntimeImages>> = {
  'node22': { language: 'TypeScript / JavaScript', label: 'Node.js 22', build: 'node:22-slim', run: 'node:22-slim', multiStage: true, notes: 'default for new apps' },
  'node20': { language: 'TypeScript / JavaScript', label: 'Node.js 20', build: 'node:20-slim', run: 'node:20-slim', multiStage: true, notes: 'LTS, use if locked' },
  'python3.12': { language: 'Python', label: 'Python 3.12', run: 'python:3.12-slim', multiStage: false, notes: 'Debian slim' },
  'python3.11': { language: 'Python', label: 'Python 3.11', run: 'python:3.11-slim', multiStage: false, notes: 'Debian slim' },
  'go1.23': { language: 'Go', label: 'Go 1.23', build: 'golang:1.23-bookworm', run: 'gcr.io/distroless/static-debian12', multiStage: true, notes: 'multi-stage mandatory' },
  'jvm21': { language: 'Java / Kotlin / Scala', label: 'JVM 21', build: 'maven:3.9-eclipse-temurin-21', run: 'eclipse-temurin:21-jre-jammy', multiStage: true, notes: 'Ubuntu jammy' },
  'jvm17': { language: 'Java / Kotlin / Scala', label: 'JVM 17', build: 'maven:3.9-eclipse-temurin-17', run: 'eclipse-temurin:17-jre-jammy', multiStage: true, notes: 'LTS' },
  'rust1.78': { language: 'Rust', label: 'Rust 1.78', build: 'rust:1.78-slim-bookworm', run: 'gcr.io/distroless/static-debian12', multiStage: true, notes: 'multi-stage' },
  'php8.3': { language: 'PHP', label: 'PHP 8.3', run: 'php:8.3-fpm-bookworm', multiStage: false, notes: 'Debian bookworm' },
};

/**
 * The registries the platform's images come from. A registry's mirror (a proxy-cache project in
 * the cluster registry) can serve only its own upstream: the Docker Hub mirror cannot serve
 * gcr.io, so each upstream has its own mirror in the cluster config (`mirrorPrefix` for Docker
 * Hub, `mirrors.gcr` …). The host is how an image name says where it comes from; Docker Hub
 * images name none.
 */
export const UPSTREAM_REGISTRIES = {
  dockerHub: { label: 'Docker Hub', host: undefined },
  gcr: { label: 'gcr.io', host: 'gcr.io' },
  ghcr: { label: 'ghcr.io', host: 'ghcr.io' },
  quay: { label: 'quay.io', host: 'quay.io' },
} as const;
export type Upstream = keyof typeof UPSTREAM_REGISTRIES;
export const UPSTREAMS = Object.keys(UPSTREAM_REGISTRIES) as Upstream[];

/** One mirror per upstream registry: `{registry host}/{project}` without a trailing slash. */
export type RegistryMirrors = Readonly<Record<Upstream, string>>;

/** The upstream an image name (without the cluster's host) comes from, and its path there. */
export function upstreamOf(image: string): { readonly upstream: Upstream; readonly path: string } | undefined {
  const slash = image.indexOf('/');
  const first = slash >= 0 ? image.slice(0, slash).toLowerCase() : '';
  for (const upstream of UPSTREAMS) {
    if (UPSTREAM_REGISTRIES[upstream].host === first) return { upstream, path: image.slice(slash + 1) };
  }
  // No host in the first segment: Docker Hub (`node:22-slim`, `bitnami/redis`).
  return /[.:]/.test(first) || first === 'localhost' ? undefined : { upstream: 'dockerHub', path: image };
}

/** An upstream image through its mirror: `gcr.io/distroless/static` → `{mirrors.gcr}/distroless/static`. */
export function throughItsMirror(mirrors: RegistryMirrors, image: string): string {
  const from = upstreamOf(image);
  if (!from) throw new Error(`image "${image}" comes from a registry the platform has no mirror for (${UPSTREAMS.map((u) => UPSTREAM_REGISTRIES[u].label).join(', ')})`);
  return mirrored(mirrors[from.upstream], from.path);
}

/** `{mirrorPrefix}/{path}` without doubled slashes. */
export function mirrored(mirrorPrefix: string, path: string): string {
  return `${mirrorPrefix.replace(/\/+$/, '')}/${path}`;
}
