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

/**
 * The checks `vibe review --fix` fixes mechanically — the right value is known from the contract,
 * the set, or a flag the creator gives — and what the fix does. Every other check's findings are
 * left for the creator (app code, Dockerfiles, decisions). src/review/fix/fixers implements exactly
 * these; a test keeps the two lists equal.
 */
export const MECHANICAL_FIXES: Readonly<Record<string, string>> = {
  A1: "pins the app's image to the commit SHA from --image-tag or the set; a platform component to the platform's version",
  A3: 'sets runAsNonRoot: true and the role\'s non-zero runAsUser',
  A4: 'drops ALL capabilities; removes added ones except NET_BIND_SERVICE',
  A5: "pulls Docker Hub images through the cluster's mirror",
  A6: "moves the app's image to the cluster registry and other images to the mirror",
  B1: 'declares port http 8081 on the app container',
  B2: 'declares port mgmt 8082 on the app container',
  B3: 'sets the liveness probe to httpGet /liveness on 8082',
  B4: 'sets the readiness probe to httpGet /readiness on 8082',
  B5: 'raises probe timeouts to 5 s (10 s for the app\'s readiness with a database)',
  C1: 'adds default-deny-ingress, plus an allow for every flow the app needs',
  C2: 'adds an allow from the ingress controller to the Ingress backend (and nginx to the app)',
  C3: 'adds an allow from the observability namespace to each scraped port',
  C4: 'adds an allow from the app to the database port',
  C5: 'adds an allow from the app to redis',
  C6: 'adds an allow from the app to rabbitmq',
  D2: 'sets strategy Recreate on database Deployments',
  D3: 'adds an init container that waits for each database Service and port',
  E1: 'with --cert: seals the plain Secret into a SealedSecret of the same values',
  F1: 'sets requests from the t-shirt table (the app: --size)',
  F2: 'sets limits from the t-shirt table (the app: --size)',
  F3: 'replaces values with one row of the t-shirt table (the app: --size)',
  F4: 'raises stateful components to at least md',
  G1: 'adds the prometheus.io scrape annotations',
  N4: 'sets metadata.namespace where it is missing',
  S1: 'sets seccompProfile RuntimeDefault',
  S2: 'sets allowPrivilegeEscalation: false',
  S4: 'hardens init containers and sidecars the same way',
  S5: 'sets automountServiceAccountToken: false',
  S6: 'labels the Namespace pod-security.kubernetes.io/enforce: restricted',
};
