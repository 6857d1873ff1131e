import { COMMIT_SHA, IMAGE_DIGEST } from '../../../contract/patterns';
import { knownVersionOf } from '../../checks/image';
import { isBelow, isDockerHub, isUnresolved, parseImageReference, shortName, throughMirror, type ImageReference } from '../../checks/image-reference';
import { primaryContainer } from '../../checks/pod-rules';
import { textOf } from '../../text';
import { asMap } from '../../values';
import type { ContainerRef, Workload } from '../../workloads';
import type { Fixer, FixRun } from '../fixer';
import { editWorkload } from '../pod-paths';
import { setAt, valueAt } from '../yaml-edit';

/**
 * A1 (a pinned tag), A5 (no Docker Hub) and A6 (the cluster registry or mirror): image
 * references rewritten with values the set or the creator gives. The app's tag comes only from
 * `--image-tag` or from the set itself (the same repository pinned elsewhere, or a SHA in its
 * `app.kubernetes.io/version` label) — never invented; a platform component gets the version
 * the platform runs.
 */

/** Calls `rewrite` with each container's current image; writes what it returns. */
function rewriteImages(run: FixRun, rewrite: (image: string, ref: ContainerRef, isApp: boolean) => string | { cannot: string } | undefined): void {
  for (const workload of run.context.workloads()) {
    const isAppWorkload = run.context.roleOf(workload) === 'app';
    const primary = primaryContainer(workload);
    for (const ref of workload.containers) {
      editWorkload(run, workload, (paths) => {
        const path = [...paths.container(ref), 'image'];
        const image = valueAt(paths.document, path);
        if (typeof image !== 'string' || isUnresolved(image)) return false;
        const next = rewrite(image, ref, isAppWorkload && ref === primary);
        const subject = `container "${textOf(ref.container.name ?? '?')}"`;
        if (next === undefined || next === image) return false;
        if (typeof next === 'object') {
          run.cannot(workload.manifest, `${subject}: ${next.cannot}`);
          return false;
        }
        setAt(paths.document, path, next);
        run.fixed(workload.manifest, `${subject}: image "${image}" → "${next}"`);
        return true;
      });
    }
  }
}

function withPin(ref: ImageReference, pin: string): string {
  const at = ref.written.indexOf('@');
  let name = at >= 0 ? ref.written.slice(0, at) : ref.written;
  if (ref.tag !== undefined || name.endsWith(':')) name = name.slice(0, name.lastIndexOf(':'));
  return IMAGE_DIGEST.test(pin) ? `${name}@${pin}` : `${name}:${pin}`;
}

/** The tag the set says the app's image has: one SHA for the same repository elsewhere, or its version label. */
function tagFromSet(run: FixRun, workload: Workload, ref: ImageReference): string | undefined {
  const pins = new Set<string>();
  for (const other of run.context.containers()) {
    const image = other.container.image;
    if (typeof image !== 'string') continue;
    const candidate = parseImageReference(image);
    if (shortName(candidate) !== shortName(ref) || (candidate.host ?? '') !== (ref.host ?? '') || candidate.path !== ref.path) continue;
    const pin = candidate.digest ?? candidate.tag;
    if (pin && (COMMIT_SHA.test(pin) || IMAGE_DIGEST.test(pin))) pins.add(pin);
  }
  const label = textOf({ ...asMap(asMap(workload.manifest.object.metadata).labels), ...asMap(workload.podMetadata.labels) }['app.kubernetes.io/version'] ?? '');
  if (COMMIT_SHA.test(label)) pins.add(label);
  return pins.size === 1 ? [...pins][0] : undefined;
}

function isUnpinned(ref: ImageReference): boolean {
  return !ref.digest && (ref.tag === undefined || ref.tag.toLowerCase() === 'latest');
}

const A1: Fixer = {
  id: 'A1',
  fix(run) {
    rewriteImages(run, (image, container, isApp) => {
      const ref = parseImageReference(image);
      if (!isUnpinned(ref)) return undefined;
      if (isApp) {
        const pin = run.settings.imageTag ?? tagFromSet(run, container.workload, ref);
        if (!pin) return { cannot: `which commit SHA "${image}" should run is not in the set — give it with --image-tag <sha> (the SHA CI built)` };
        return withPin(ref, pin);
      }
      const known = knownVersionOf(shortName(ref));
      const version = known ? known.slice(known.lastIndexOf(':') + 1) : undefined;
      if (!version) return { cannot: `"${image}" is not an image the platform runs, so its version is not known — pin a fixed version or a digest by hand` };
      return withPin(ref, version);
    });
  },
};

const A5: Fixer = {
  id: 'A5',
  fix(run) {
    rewriteImages(run, (image) => {
      const ref = parseImageReference(image);
      return isDockerHub(ref) ? throughMirror(ref, run.context.cluster.mirrors) : undefined;
    });
  },
};

const A6: Fixer = {
  id: 'A6',
  fix(run) {
    const { registry, mirrors } = run.context.cluster;
    const allowed = [registry, ...Object.values(mirrors)];
    rewriteImages(run, (image, _container, isApp) => {
      if (allowed.some((prefix) => isBelow(image, prefix))) return undefined;
      const ref = parseImageReference(image);
      if (!isApp) return throughMirror(ref, mirrors) ?? { cannot: `"${image}" comes from a registry the platform has no mirror for — use an image from the cluster registry or a mirrored registry` };
      const pin = ref.digest ? `@${ref.digest}` : ref.tag ? `:${ref.tag}` : undefined;
      if (!pin) return { cannot: `"${image}" has no tag yet (A1) — give --image-tag so it can move to the cluster registry` };
      return `${registry.replace(/\/+$/, '')}/${shortName(ref)}${pin}`;
    });
  },
};

export const IMAGE_FIXERS: readonly Fixer[] = [A1, A5, A6];
