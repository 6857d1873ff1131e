import { COMPONENT_IMAGES, RUNTIME_IMAGES } from '../../contract/images';
import { fail, pass, type Check, type CheckResult } from '../check';
import type { ReviewContext } from '../context';
import type { DockerfileFrom, ParsedDockerfile } from '../dockerfile';
import { describeContainer } from '../workloads';
import { isBelow, isDockerHub, isUnresolved, parseImageReference, shortName, throughMirror, type ImageReference } from './image-reference';
import { DROPS_ALL_CAPABILITIES, judgeMainContainers, primaryContainer, RUNS_AS_NON_ROOT } from './pod-rules';
import { WORKLOAD_KINDS } from '../check-scope';

/**
 * Group A, Image (CRITICAL): what runs is pinned, built for the cluster's nodes, non-root with no
 * capabilities, and pulled only from the cluster's registry or its Docker Hub mirror.
 *
 * A1, A5 and A6 judge every container image of every workload (init, sidecar and ephemeral
 * included) and, when Dockerfiles are given, every `FROM` that pulls an image (not `FROM <stage>`
 * or `FROM scratch`). A3 and A4 judge each pod's main container; its init containers and sidecars
 * are judged on the same rules by S4, so a container is never reported twice for one problem.
 */

/** The platform's own images by name, for examples of a fixed version (`redis` → `redis:7.4`). */
const KNOWN_VERSIONS: ReadonlyMap<string, string> = new Map(
  [...Object.values(COMPONENT_IMAGES), ...Object.values(RUNTIME_IMAGES).flatMap((r) => [r.build, r.run])]
    .filter((image): image is string => image !== undefined && image.includes(':'))
    .map((image) => [shortName(parseImageReference(image)), shortName(parseImageReference(image)) + image.slice(image.lastIndexOf(':'))] as const)
    .reverse(),
);

/** The fixed version the platform runs of an image (`debian` → `debian:12-slim`), when it runs one. */
export function knownVersionOf(name: string): string | undefined {
  return KNOWN_VERSIONS.get(name);
}

/** An image as it appears somewhere the review reads: a container, or a Dockerfile `FROM`. */
interface ImageUse {
  readonly image: string;
  readonly ref: ImageReference;
  /** `Deployment/shop-app container "app"` or `Dockerfile line 3 (FROM node:22-slim)`; read for failures only. */
  readonly where: string;
  /** True for the creator's own app image (the main container of an app workload). */
  readonly isAppImage: boolean;
  readonly result: (status: 'pass' | 'fail', message?: string) => CheckResult;
}

/** The images of every container (A1, A5 and A6 read them). */
function containerUses(context: ReviewContext): ImageUse[] {
  const uses: ImageUse[] = [];
  // A set runs the same few images many times: each is parsed once.
  const references = new Map<string, ImageReference>();
  for (const workload of context.workloads()) {
    const primary = primaryContainer(workload);
    const isApp = context.roleOf(workload) === 'app';
    for (const ref of workload.containers) {
      const image = ref.container.image;
      if (typeof image !== 'string' || isUnresolved(image)) continue;
      let reference = references.get(image);
      if (!reference) references.set(image, (reference = parseImageReference(image)));
      uses.push({
        image,
        ref: reference,
        get where() {
          return describeContainer(ref);
        },
        isAppImage: isApp && ref === primary,
        result: (status, message) => (status === 'pass' ? pass(workload.manifest) : fail(message ?? '', workload.manifest)),
      });
    }
  }
  return uses;
}

/** Every `FROM` that pulls an image: not an earlier stage, not `scratch`. */
function pulledFroms(context: ReviewContext): { dockerfile: ParsedDockerfile; from: DockerfileFrom }[] {
  return context.dockerfiles
    .flatMap((dockerfile) => dockerfile.froms.filter((from) => !from.isStage && from.image.toLowerCase() !== 'scratch').map((from) => ({ dockerfile, from })));
}

function dockerfileUses(context: ReviewContext): ImageUse[] {
  return pulledFroms(context)
    .filter(({ from }) => !isUnresolved(from.image))
    .map(({ dockerfile, from }) => ({
      image: from.image,
      ref: parseImageReference(from.image),
      where: `${dockerfile.file} line ${from.line} (FROM ${from.image})`,
      isAppImage: false,
      result: (status, message) => (status === 'pass' ? pass(undefined, { file: dockerfile.file, line: from.line }) : fail(message ?? '', undefined, { file: dockerfile.file, line: from.line })),
    }));
}

const allUses = (context: ReviewContext): ImageUse[] => [...containerUses(context), ...dockerfileUses(context)];

/** How to pin an image: the commit SHA for the app, a fixed version or digest for anything else. */
function pinAdvice(use: ImageUse): string {
  const name = shortName(use.ref);
  if (use.isAppImage) return `use the commit SHA CI built (e.g. ${name}:a3f91bc)`;
  const known = KNOWN_VERSIONS.get(name);
  return `pin a fixed version${known ? ` (e.g. ${known})` : ''} or a digest (${name}@sha256:…)`;
}

const A1: Check = {
  id: 'A1',
  slug: 'pinned-image-tag',
  scope: { kinds: WORKLOAD_KINDS, inputs: ['dockerfiles'] },
  group: 'A',
  title: 'No :latest or untagged image',
  severity: 'CRITICAL',
  verifies:
    'Every container image (init, sidecar and ephemeral containers included) and every Dockerfile FROM names a tag other than latest, or a digest. An untagged image means :latest.',
  fix: 'Give every image a fixed tag: the commit SHA for your app (e.g. my-app:a3f91bc), a version for anything else.',
  run(context) {
    return allUses(context).map((use) => {
      const { tag, digest } = use.ref;
      if (digest) return use.result('pass');
      if (tag === undefined) return use.result('fail', `${use.where}: image "${use.image}" has no tag, so it runs whatever ':latest' is when pulled — ${pinAdvice(use)}`);
      if (tag.toLowerCase() === 'latest') return use.result('fail', `${use.where}: image tag is ':latest' — ${pinAdvice(use)}`);
      return use.result('pass');
    });
  },
};

const AMD64 = 'linux/amd64';

const A2: Check = {
  id: 'A2',
  slug: 'amd64-platform',
  scope: { kinds: 'none', inputs: ['dockerfiles'] },
  group: 'A',
  title: 'Dockerfile FROM has --platform=linux/amd64',
  severity: 'CRITICAL',
  verifies: 'Every Dockerfile FROM that pulls an image sets --platform=linux/amd64 (a FROM of an earlier stage or of scratch is exempt).',
  fix: 'Write FROM --platform=linux/amd64 <image>: the cluster runs amd64 nodes, and an image built on an Apple-silicon Mac will not start there.',
  input: 'dockerfiles',
  run(context) {
    return pulledFroms(context).map(({ dockerfile, from }) => {
      const location = { file: dockerfile.file, line: from.line };
      const platform = from.platform === undefined ? undefined : expandArgs(from.platform, dockerfile);
      if (platform?.toLowerCase() === AMD64) return pass(undefined, location);
      const where = `${dockerfile.file} line ${from.line}`;
      const why = "(the cluster's nodes are amd64; an image built on an Apple-silicon Mac will not start there)";
      return fail(
        platform === undefined
          ? `${where}: FROM ${from.image} has no --platform — write FROM --platform=${AMD64} ${from.image}${from.stage ? ` AS ${from.stage}` : ''} ${why}`
          : `${where}: FROM --platform=${from.platform} ${from.image} does not build for ${AMD64} — change it to --platform=${AMD64} ${why}`,
        undefined,
        location,
      );
    });
  },
};

/** `$VAR` / `${VAR}` replaced by the default of an `ARG` declared before the first FROM. */
function expandArgs(value: string, dockerfile: ParsedDockerfile): string {
  const firstFrom = dockerfile.froms[0]?.line ?? Infinity;
  const defaults = new Map(dockerfile.settings.filter((s) => s.instruction === 'ARG' && s.line < firstFrom && s.value !== undefined).map((s) => [s.name, s.value!]));
  return value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => defaults.get(name) ?? whole);
}

const A3: Check = {
  id: 'A3',
  slug: 'run-as-non-root',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'A',
  title: 'Pod runs as non-root',
  severity: 'CRITICAL',
  verifies:
    "Each pod's main container runs with runAsNonRoot: true and a user other than 0, set on the pod securityContext or on the container (the container's value wins). Init containers and sidecars: S4.",
  fix: 'Add runAsNonRoot: true and a non-zero runAsUser (your app: 1000) to the pod securityContext.',
  run: (context) => judgeMainContainers(context, RUNS_AS_NON_ROOT),
};

const A4: Check = {
  id: 'A4',
  slug: 'drop-all-capabilities',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'A',
  title: 'All capabilities dropped',
  severity: 'CRITICAL',
  verifies:
    "Each pod's main container drops ALL Linux capabilities (capabilities.drop: [ALL], in capitals as the cluster compares it) and adds back nothing but NET_BIND_SERVICE. Init containers and sidecars: S4.",
  fix: 'Add capabilities: { drop: [ALL] } to the container securityContext and remove anything under capabilities.add except NET_BIND_SERVICE.',
  run: (context) => judgeMainContainers(context, DROPS_ALL_CAPABILITIES),
};

const A5: Check = {
  id: 'A5',
  slug: 'no-docker-hub',
  scope: { kinds: WORKLOAD_KINDS, inputs: ['dockerfiles'] },
  group: 'A',
  title: 'No Docker Hub image',
  severity: 'CRITICAL',
  verifies:
    'No container image and no Dockerfile FROM is pulled from Docker Hub: a name without a registry host (redis:7, library/redis, bitnami/redis), docker.io, index.docker.io or registry-1.docker.io. The cluster cannot reach Docker Hub.',
  fix: "Pull the image through the cluster's Docker Hub mirror: {mirrorPrefix}/<name>:<tag>.",
  run(context) {
    return allUses(context).map((use) =>
      isDockerHub(use.ref)
        ? use.result('fail', `${use.where} pulls "${use.image}" from Docker Hub, which the cluster cannot reach — use the mirror: ${throughMirror(use.ref, context.cluster.mirrors)}`)
        : use.result('pass'),
    );
  },
};

const A6: Check = {
  id: 'A6',
  slug: 'cluster-registry-only',
  scope: { kinds: WORKLOAD_KINDS, inputs: ['dockerfiles'] },
  group: 'A',
  title: 'Images from the cluster registry or mirror',
  severity: 'CRITICAL',
  verifies:
    "Every container image and every Dockerfile FROM lies below the cluster registry or one of its registry mirrors (matched on whole path segments): your app's image from {registry}, " +
    'everything else through the mirror of the registry it comes from: Docker Hub through {mirrorPrefix}, gcr.io, ghcr.io and quay.io through the cluster config\'s mirrors ' +
    '(an image of another registry below the Docker Hub mirror, such as {mirrorPrefix}/gcr.io/distroless/…, fails: that mirror cannot serve it).',
  fix: "Push your app's image to the cluster registry ({registry}/<name>:<commit SHA>; CI does this) and pull everything else through its registry's mirror ({mirrorPrefix}/… for Docker Hub).",
  run(context) {
    const { registry, mirrors } = context.cluster;
    const allowed = [registry, ...Object.values(mirrors)];
    return allUses(context).map((use) => {
      const hubMirror = mirrors.dockerHub.replace(/\/+$/, '');
      const viaHubMirror = isBelow(use.image, hubMirror) ? parseImageReference(use.image.trim().slice(hubMirror.length + 1)) : undefined;
      // `{Docker Hub mirror}/gcr.io/distroless/…`: a registry mirror serves only its own upstream.
      if (viaHubMirror?.host !== undefined && !isDockerHub(viaHubMirror)) {
        const right = throughMirror(viaHubMirror, mirrors);
        const advice = right ? `use the mirror of ${viaHubMirror.host}: ${right}` : `the cluster has no mirror of ${viaHubMirror.host}: ask the platform team for one`;
        return use.result('fail', `${use.where} pulls "${use.image}" through the Docker Hub mirror, which cannot serve ${viaHubMirror.host} images — ${advice}`);
      }
      if (allowed.some((prefix) => isBelow(use.image, prefix))) return use.result('pass');
      const mirrored = use.isAppImage ? undefined : throughMirror(use.ref, mirrors);
      const advice = use.isAppImage
        ? `push it to the cluster registry and use ${registry.replace(/\/+$/, '')}/${shortName(use.ref)}${pinOf(use.ref)} (CI does this)`
        : mirrored
          ? `pull it through the mirror of its registry: ${mirrored}`
          : `the cluster has no mirror of ${use.ref.host ?? 'its registry'}: push the image to the cluster registry (${registry.replace(/\/+$/, '')}/…) or ask the platform team for a mirror`;
      return use.result('fail', `${use.where} pulls "${use.image}" from outside the cluster registry — ${advice}`);
    });
  },
};

/** `:tag`, `@digest`, or a placeholder for the commit SHA. */
function pinOf(ref: ImageReference): string {
  if (ref.tag) return `:${ref.tag}`;
  return ref.digest ? `@${ref.digest}` : ':<commit SHA>';
}

export const IMAGE_CHECKS: readonly Check[] = [A1, A2, A3, A4, A5, A6];
