import * as path from 'node:path';
import * as fc from 'fast-check';
import { fixAndCheck } from './fix-harness';
import { defaultClusterConfig } from '../../../src/contract/cluster-defaults';
import { ManifestSet } from '../golden-set';

/**
 * Property: whatever mix of mechanical faults is injected into the synthesized example, `--fix`
 * removes every finding, adds none, and fixing its output again changes nothing (byte for byte).
 */

type Fault = (set: ManifestSet) => void;

const FAULTS: Readonly<Record<string, Fault>> = {
  'A1 app image :latest': (set) => {
    set.container('app').image = 'harbor.internal.example.com/inventory-checker-app:latest';
  },
  'A3 app may run as root': (set) => {
    for (const context of [set.podSpec('app').securityContext, set.container('app').securityContext]) {
      delete context.runAsNonRoot;
      delete context.runAsUser;
    }
  },
  'A4 app keeps capabilities': (set) => {
    delete set.container('app').securityContext.capabilities;
  },
  'A5 postgres from Docker Hub': (set) => {
    set.container('postgres').image = 'postgres:16';
  },
  'B3 no liveness probe': (set) => {
    delete set.container('app').livenessProbe;
  },
  'B5 readiness timeout 1 s': (set) => {
    delete set.container('app').readinessProbe.timeoutSeconds;
  },
  'C1 no default deny': (set) => {
    set.remove('NetworkPolicy', 'default-deny-ingress');
  },
  'C4 app cannot reach postgres': (set) => {
    set.remove('NetworkPolicy', 'allow-app-to-postgres');
  },
  'D2 postgres rolls': (set) => {
    set.deployment('postgres').spec.strategy = { type: 'RollingUpdate' };
  },
  'D3 app does not wait': (set) => {
    delete set.podSpec('app').initContainers;
  },
  'F1/F2 nginx unsized': (set) => {
    delete set.container('nginx').resources;
  },
  'G1 no scrape annotation': (set) => {
    delete set.deployment('app').spec.template.metadata.annotations['prometheus.io/scrape'];
  },
  'N4 ConfigMap without namespace': (set) => {
    delete set.get('ConfigMap', 'inventory-checker-config').metadata.namespace;
  },
  'S1 nginx without seccomp': (set) => {
    delete set.podSpec('nginx').securityContext.seccompProfile;
    delete set.container('nginx').securityContext.seccompProfile;
  },
  'S2 redis may escalate': (set) => {
    delete set.container('redis').securityContext.allowPrivilegeEscalation;
  },
  'S5 app mounts a token': (set) => {
    set.podSpec('app').automountServiceAccountToken = true;
  },
  'S6 namespace not restricted': (set) => {
    delete set.get('Namespace').metadata.labels['pod-security.kubernetes.io/enforce'];
  },
};

describe('vibe review --fix (property)', () => {
  it('fixes any mix of mechanical faults completely, adds nothing, and is idempotent', () => {
    fc.assert(
      fc.property(fc.subarray(Object.keys(FAULTS), { minLength: 1, maxLength: 6 }), (faults) => {
        const set = ManifestSet.golden();
        for (const fault of faults) FAULTS[fault](set);
        const files = [...set.texts()].map(([name, text]) => ({ path: path.join('k8s', name), text }));
        const outcome = fixAndCheck(files, { cluster: defaultClusterConfig() });
        const { newFindings, lostComments, secondChanges } = outcome;
        expect({ faults, remaining: outcome.plan.remaining, newFindings, lostComments, secondChanges }).toEqual({
          faults,
          remaining: [],
          newFindings: [],
          lostComments: [],
          secondChanges: [],
        });
      }),
      { numRuns: 8, seed: 20261203 },
    );
  });
});
