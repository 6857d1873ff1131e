import { textOf } from '../text';
import { asList, asMap, type ManifestMap } from '../values';

/**
 * A pod as Pod Security Admission sees it: metadata, spec, and every container with its field
 * path. Built from plain parsed YAML/JSON, never trusting its shape: a missing or mistyped field
 * reads as absent, as it would after the API server's decoding refused or dropped it.
 */
export interface PodView {
  readonly metadata: ManifestMap;
  readonly spec: ManifestMap;
  /** Init containers, containers, ephemeral containers: the order admission visits them in. */
  readonly containers: readonly ContainerView[];
}

export interface ContainerView {
  readonly container: ManifestMap;
  /** Its name, as text (`?` when it has none). */
  readonly name: string;
  /** Relative to the pod: `spec.initContainers[0]`. */
  readonly path: string;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function podView(metadata: unknown, spec: unknown): PodView {
  const podSpec = asMap(spec);
  const containers: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    asList(podSpec[list]).forEach((item, index) => {
      const container = asMap(item);
      containers.push({ container, name: textOf(container.name ?? '?'), path: `spec.${list}[${index}]` });
    });
  }
  return { metadata: asMap(metadata), spec: podSpec, containers };
}

/** The pod securityContext (`{}` when absent). */
export const podSecurityContext = (pod: PodView): ManifestMap => asMap(pod.spec.securityContext);

/** A container's securityContext (`{}` when absent). */
export const securityContextOf = (container: ContainerView): ManifestMap => asMap(container.container.securityContext);

/** `spec.os.name: windows`: admission exempts such pods from the Linux-only restricted rules (1.25+). */
export function isWindowsPod(spec: ManifestMap): boolean {
  return asMap(spec.os).name === 'windows';
}

/** `spec.hostUsers: false`: the pod runs in a user namespace, which relaxes some rules (1.35+). */
export function inUserNamespace(spec: ManifestMap): boolean {
  return spec.hostUsers === false;
}

/** A field that is set (admission's non-nil pointer). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
