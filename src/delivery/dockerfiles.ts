import { PHP_RECIPE } from './php-dockerfile';
import { UIDS } from '../constructs/hardening';
import { RUNTIME_IMAGES, RUNTIMES, throughItsMirror, type RegistryMirrors, type Runtime } from '../contract/images';
import { PORTS } from '../contract/ports';

/**
 * Dockerfiles for the nine runtime rows of the platform contract. Every one:
 * - pulls each image through the cluster's mirror of the registry it comes from (Docker Hub
 *   images through `{mirrorPrefix}/`, the distroless ones through the gcr.io mirror), Debian or
 *   distroless based, never Alpine, always with a fixed tag;
 * - writes `FROM --platform=linux/amd64` on every FROM (the nodes are amd64; an image built on an
 *   Apple-silicon laptop would not start there);
 * - builds in a separate stage where the row says so (Node, Go, Rust, JVM) so compilers and dev
 *   dependencies never ship;
 * - runs as uid/gid 1000, the `runAsUser` of the app pod, numerically so the kubelet can verify
 *   `runAsNonRoot` (a user name cannot be checked);
 * - exposes 8081 (the app) and 8082 (health and management), and holds no credential: those
 *   come from the sealed secret when the pod starts.
 *
 * No `# syntax=` line: it would make BuildKit pull its frontend image from Docker Hub.
 */

/** The uid and gid the app runs as: the app pod's `runAsUser`, from the one place it is set. */
export const APP_UID: number = UIDS.app;

/**
 * The tag added to a row image that names none (the distroless rows): an untagged image means
 * `:latest`. `nonroot` is the distroless variant whose default user is not root; the Dockerfile
 * still sets USER 1000 so the image and the pod agree.
 */
export const DISTROLESS_TAG = 'nonroot';

/** Where the images come from: the cluster's mirror of each upstream registry. */
export interface DockerfileOptions {
  /** The Docker Hub mirror: `{registry}/dockerhub-proxy` unless the platform set its own. */
  readonly mirrorPrefix: string;
  /**
   * The cluster config's mirrors of the other registries (`cluster.mirrors`).
   * @default - `{host of mirrorPrefix}/gcr-proxy`, `…/ghcr-proxy`, `…/quay-proxy`
   */
  readonly mirrors?: Partial<RegistryMirrors>;
  /**
   * The folder holding the vendored vibe-env tarball (`vendor`), when package.json depends on it
   * by `file:`: `npm ci` needs it in the Node build stage.
   * @default - none: vibe-env comes from the registry
   */
  readonly vendorDir?: string;
}

/** How a runtime's app is built and started, beyond its images. */
interface Recipe {
  /** Instructions of the build stage (after its FROM); absent for single-stage rows. */
  readonly build?: readonly string[];
  /** Instructions of the run stage, after its FROM and before USER; `@USER` creates the uid 1000 account there. */
  readonly run: readonly string[];
  /** The start command, as a JSON exec array (signals reach the process directly). */
  readonly start: string;
  /** A few words for the header: what the creator must have in the repository. */
  readonly expects: string;
}

const ADD_USER = [
  '# The account the pod runs as (runAsUser 1000); created only when the image has none.',
  `RUN (getent group ${APP_UID} >/dev/null || groupadd --gid ${APP_UID} app) \\`,
  `    && (getent passwd ${APP_UID} >/dev/null || useradd --uid ${APP_UID} --gid ${APP_UID} --home-dir /tmp --no-create-home --shell /usr/sbin/nologin app)`,
];

const NODE: Recipe = {
  build: [
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    '@VENDOR',
    'RUN npm ci --no-audit --no-fund',
    'COPY . .',
    '# Build if the app has a build script; its node_modules (dev dependencies included) stay in this stage.',
    'RUN npm run build --if-present && rm -rf node_modules',
  ],
  run: [
    'ENV NODE_ENV=production',
    'WORKDIR /app',
    '# Production dependencies only: vibe-env, the compilers and the test tools never ship.',
    'COPY package.json package-lock.json ./',
    'RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force',
    'COPY --from=build /app ./',
    '# The image\'s own "node" account already has uid 1000.',
  ],
  start: '["npm", "start"]',
  expects: 'package.json with a "start" script (and "build" if the app compiles), package-lock.json',
};

const PYTHON: Recipe = {
  run: [
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1 \\',
    '    PIP_NO_CACHE_DIR=1 \\',
    '    PIP_DISABLE_PIP_VERSION_CHECK=1',
    '@USER',
    'WORKDIR /app',
    'COPY requirements.txt ./',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY . .',
  ],
  start: '["python", "-m", "app"]',
  expects: 'requirements.txt, and the app as a package named app (app/__main__.py) — or change the CMD line',
};

const GO: Recipe = {
  build: [
    'WORKDIR /src',
    'COPY go.* ./',
    'RUN go mod download',
    'COPY . .',
    '# A static binary: the distroless "static" image has no C library.',
    'RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -trimpath -ldflags="-s -w" -o /out/app .',
  ],
  run: ['COPY --from=build /out/app /app'],
  start: '["/app"]',
  expects: 'go.mod, and package main at the top of the repository',
};

const JVM: Recipe = {
  build: [
    'WORKDIR /src',
    'COPY . .',
    '# The repository\'s own build (Maven wrapper, Maven or Gradle wrapper), tests left to CI; then its one runnable jar.',
    'RUN if [ -x ./mvnw ]; then ./mvnw -B -DskipTests package; \\',
    '    elif [ -f pom.xml ]; then mvn -B -DskipTests package; \\',
    '    elif [ -x ./gradlew ]; then ./gradlew --no-daemon build -x test; \\',
    '    else echo "no Maven (pom.xml) or Gradle (gradlew) build found" >&2; exit 1; fi \\',
    "    && jar=$(ls target/*.jar build/libs/*.jar 2>/dev/null | grep -v -e '-plain\\.jar$' -e '-sources\\.jar$' -e '-javadoc\\.jar$' | head -n 1) \\",
    '    && if [ -z "$jar" ]; then echo "the build produced no jar" >&2; exit 1; fi \\',
    '    && mkdir -p /out && cp "$jar" /out/app.jar',
  ],
  run: [
    '@USER',
    'WORKDIR /app',
    '# Only the jar reaches this image: a JRE, no compiler or build tool.',
    'COPY --from=build /out/app.jar ./app.jar',
  ],
  start: '["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]',
  expects: 'a Maven (pom.xml, mvnw) or Gradle (gradlew) build that produces one runnable jar',
};

const RUST: Recipe = {
  build: [
    'WORKDIR /src',
    'COPY . .',
    '# A statically linked binary (glibc, crt-static): the distroless "static" image has no C library.',
    'RUN RUSTFLAGS="-C target-feature=+crt-static" cargo install --locked --path . --root /out --target x86_64-unknown-linux-gnu',
    'RUN set -- /out/bin/*; if [ "$#" -ne 1 ]; then echo "expected exactly one binary, found: $*" >&2; exit 1; fi; mv "$1" /out/app',
  ],
  run: ['COPY --from=build /out/app /app'],
  start: '["/app"]',
  expects: 'Cargo.toml and Cargo.lock for one binary',
};

// PHP's recipe lives in its own file: php-fpm behind an nginx in the app's container.
const PHP: Recipe = PHP_RECIPE;

const RECIPES: Readonly<Record<Runtime, Recipe>> = {
  'node22': NODE,
  'node20': NODE,
  'python3.12': PYTHON,
  'python3.11': PYTHON,
  'go1.23': GO,
  'jvm21': JVM,
  'jvm17': JVM,
  'rust1.78': RUST,
  'php8.3': PHP,
};

/** A row image with a tag: `gcr.io/distroless/static-debian12` → `…:nonroot`. */
export function pinnedRowImage(image: string): string {
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  if (lastSegment.includes(':') || lastSegment.includes('@')) return image;
  if (image.includes('distroless/')) return `${image}:${DISTROLESS_TAG}`;
  throw new Error(`runtime image "${image}" has no tag; give it one in RUNTIME_IMAGES`);
}

/** What the creator's repository needs for this runtime's Dockerfile to build. */
export function dockerfileExpects(runtime: Runtime): string {
  return RECIPES[runtime].expects;
}

/** Each upstream's mirror: the options', else a project beside the Docker Hub mirror in the same registry. */
function mirrorsOf(options: DockerfileOptions): RegistryMirrors {
  const registry = options.mirrorPrefix.split('/')[0];
  return {
    dockerHub: options.mirrorPrefix,
    gcr: options.mirrors?.gcr ?? `${registry}/gcr-proxy`,
    ghcr: options.mirrors?.ghcr ?? `${registry}/ghcr-proxy`,
    quay: options.mirrors?.quay ?? `${registry}/quay-proxy`,
  };
}

/** The Dockerfile for a runtime row, reading each image from the cluster's mirror of its registry. */
export function dockerfileFor(runtime: Runtime, options: DockerfileOptions): string {
  const row = RUNTIME_IMAGES[runtime];
  const recipe = RECIPES[runtime];
  const mirrors = mirrorsOf(options);
  const image = (path: string) => throughItsMirror(mirrors, pinnedRowImage(path));
  const platform = 'FROM --platform=linux/amd64';
  const lines: string[] = [
    `# ${row.label} (${row.language}) for the vibe platform, written by vibe init.`,
    `# Your repository needs: ${recipe.expects}.`,
    '# Platform rules the review gate checks here: images only from the cluster mirrors with a fixed',
    '# tag, --platform=linux/amd64 on every FROM, a non-root user (uid 1000, as the pod runs), ports',
    `# ${PORTS.http} (app) and ${PORTS.mgmt} (health), and no credentials: those arrive from the sealed secret at run time.`,
    '',
  ];
  if (recipe.build) {
    if (!row.build) throw new Error(`runtime ${runtime} has a build recipe but no build image`);
    const vendor = options.vendorDir ? [`# vibe-env is not on a registry yet: package.json installs it from ${options.vendorDir}/.`, `COPY ${options.vendorDir}/ ./${options.vendorDir}/`] : [];
    lines.push(`${platform} ${image(row.build)} AS build`, ...recipe.build.flatMap((line) => (line === '@VENDOR' ? vendor : [line])), '');
  }
  lines.push(`${platform} ${image(row.run)}`);
  for (const line of recipe.run) {
    if (line === '@USER') lines.push(...ADD_USER);
    else lines.push(line);
  }
  lines.push(`USER ${APP_UID}:${APP_UID}`, `EXPOSE ${PORTS.http} ${PORTS.mgmt}`, `CMD ${recipe.start}`, '');
  return lines.join('\n');
}

/** Every runtime's Dockerfile, for tests and for platform engineers publishing them. */
export function allDockerfiles(options: DockerfileOptions): ReadonlyMap<Runtime, string> {
  return new Map(RUNTIMES.map((runtime) => [runtime, dockerfileFor(runtime, options)]));
}
