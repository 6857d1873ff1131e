import type { Check } from './check';
import { CONSISTENCY_CHECKS } from './checks/consistency';
import { HEALTH_CHECKS } from './checks/health';
import { IMAGE_CHECKS } from './checks/image';
import { INGRESS_CHECKS } from './checks/ingress';
import { NETWORK_CHECKS } from './checks/networking';
import { OBSERVABILITY_CHECKS } from './checks/observability';
import { POD_HARDENING_CHECKS } from './checks/pod-hardening';
import { POD_SECURITY_CHECKS } from './checks/pod-security';
import { RESOURCE_CHECKS } from './checks/resources';
import { SECRET_CHECKS } from './checks/secrets';
import { STORAGE_CHECKS } from './checks/storage';

/**
 * Every check of the review gate, in report order: one line per group file under checks/.
 * docs/checks.md is generated from this list.
 */
const GROUPS: readonly (readonly Check[])[] = [
  // (group arrays are added here, e.g. IMAGE_CHECKS)
  IMAGE_CHECKS,
  HEALTH_CHECKS,
  NETWORK_CHECKS,
  STORAGE_CHECKS,
  SECRET_CHECKS,
  RESOURCE_CHECKS,
  OBSERVABILITY_CHECKS,
  INGRESS_CHECKS,
  POD_HARDENING_CHECKS,
  POD_SECURITY_CHECKS,
  CONSISTENCY_CHECKS,
];

export const CATALOGUE: readonly Check[] = GROUPS.flat();

/** A check by id. */
export function checkById(id: string): Check | undefined {
  return CATALOGUE.find((c) => c.id === id);
}
