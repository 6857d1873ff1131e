/**
 * Images of the platform's components, as paths below the cluster's Docker Hub mirror
 * (`{mirrorPrefix}/<path>`). Nothing is ever pulled from Docker Hub directly.
 */
export const COMPONENT_IMAGES = {
  nginx: 'nginx:1.27',
  postgres: 'postgres:16',
  mongo: 'mongo:7.0',
  redis: 'redis:7.4',
  rabbitmq: 'rabbitmq:3.13-management',
  postgresExporter: 'prometheuscommunity/postgres-exporter:v0.15.0',
  mongodbExporter: 'percona/mongodb_exporter:0.40',
  redisExporter: 'oliver006/redis_exporter:v1.63.0',
  /** Small Debian image with bash, used by init containers that wait for a port. */
  waitFor: 'debian:12-slim',
} as const;

export type ComponentImage = keyof typeof COMPONENT_IMAGES;

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
  'jvm21': { language: 'Java / Kotlin / Scala', label: 'JVM 21', run: 'eclipse-temurin:21-jre-jammy', multiStage: false, notes: 'Ubuntu jammy' },
  'jvm17': { language: 'Java / Kotlin / Scala', label: 'JVM 17', run: 'eclipse-temurin:17-jre-jammy', multiStage: false, notes: 'LTS' },
  'rust1.78': { language: 'Rust', label: 'Rust 1.78', build: 'rust:1.78-slim-bookworm', run: 'gcr.io/distroless/static-debian12', multiStage: true, notes: 'multi-stage' },
  'php8.3': { language: 'PHP', label: 'PHP 8.3', run: 'php:8.3-fpm-bookworm', multiStage: false, notes: 'Debian bookworm' },
};

/** `{mirrorPrefix}/{path}` without doubled slashes. */
export function mirrored(mirrorPrefix: string, path: string): string {
  return `${mirrorPrefix.replace(/\/+$/, '')}/${path}`;
}
