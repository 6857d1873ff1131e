import { PLATFORM_COMPONENTS, ROLES } from '../components/catalogue';
import { restrictedContainerSecurityContext } from '../contract/restricted-container';
import { SIZE_TABLE, type Size } from '../contract/sizes';
import * as k8s from '../imports/k8s';

/**
 * Pod Security "restricted", applied to every pod and container the library writes. One place,
 * so an init container or sidecar cannot be forgotten.
 */

/** Non-root users: the app image's user, the official database images' user, nginx's user (from the component catalogue). */
export const UIDS = {
  app: PLATFORM_COMPONENTS.app.uid,
  database: ROLES.database.uid,
  nginx: PLATFORM_COMPONENTS.nginx.uid,
  exporter: ROLES.exporter.uid,
} as const;

export function podSecurityContext(uid: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Container-level settings repeat the pod's user so each container is safe on its own (a
 * platform engineer may move it to another pod spec).
 */
export function containerSecurityContext(uid: number): k8s.SecurityContext {
  return restrictedContainerSecurityContext(uid);
}

/** Requests and limits from the t-shirt table, never typed by hand. */
export function resourcesFor(size: Size): k8s.ResourceRequirements {
  const row = SIZE_TABLE[size];
  return {
    requests: { cpu: k8s.Quantity.fromString(row.cpuRequest), memory: k8s.Quantity.fromString(row.memoryRequest) },
    limits: { cpu: k8s.Quantity.fromString(row.cpuLimit), memory: k8s.Quantity.fromString(row.memoryLimit) },
  };
}

/** A writable scratch directory for a read-only root filesystem. */
export function scratchVolume(name: string, sizeLimit = '64Mi'): k8s.Volume {
  return { name, emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeLimit) } };
}

/** Pod-level defaults shared by every workload: no API token, no service-link env noise. */
export const POD_DEFAULTS = {
  automountServiceAccountToken: false,
  enableServiceLinks: false,
} as const;
