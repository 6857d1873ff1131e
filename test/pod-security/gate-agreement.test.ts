import fc from 'fast-check';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import type { ManifestObject } from '../../src/manifests/manifest-object';
import { CATALOGUE } from '../../src/review/catalogue';
import { GATE_CHECKS_OF_CONTROL } from '../../src/review/checks/pod-security';
import { ReviewContext } from '../../src/review/context';
import { podSecurityFindings } from '../../src/review/pod-security';

/**
 * The gate's own checks of the restricted controls (A3, A4, S1–S4, written before the module) and
 * the module must agree on every pod: the gate refuses a pod exactly when admission would, and
 * each refused control is reported by the check the catalogue gives it.
 */

const RUNS = Number(process.env.VIBE_PROPERTY_RUNS ?? 300);
const CHECK_IDS = new Set(Object.values(GATE_CHECKS_OF_CONTROL).flat());
const checks = CATALOGUE.filter((c) => CHECK_IDS.has(c.id));

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const seccomp = maybe(fc.record({ type: fc.constantFrom('RuntimeDefault', 'Localhost', 'Unconfined') }));

const securityContext = fc.record(
  {
    runAsNonRoot: maybe(fc.boolean()),
    runAsUser: maybe(fc.constantFrom(0, 1000)),
    allowPrivilegeEscalation: maybe(fc.boolean()),
    privileged: maybe(fc.boolean()),
    seccompProfile: seccomp,
    capabilities: maybe(fc.record({ drop: maybe(fc.constantFrom(['ALL'], ['all'], ['NET_RAW'])), add: maybe(fc.constantFrom(['NET_BIND_SERVICE'], ['SYS_ADMIN'], ['CHOWN'])) }, { requiredKeys: [] })),
    procMount: maybe(fc.constantFrom('Default', 'Unmasked')),
    appArmorProfile: maybe(fc.record({ type: fc.constantFrom('RuntimeDefault', 'Unconfined') })),
    seLinuxOptions: maybe(fc.record({ type: fc.constantFrom('container_t', 'spc_t') })),
  },
  { requiredKeys: [] },
);

const container = (name: string) =>
  fc.record(
    {
      name: fc.constant(name),
      image: fc.constant('harbor.internal.example.com/shop-app:a3f91bc'),
      securityContext: maybe(securityContext),
      ports: maybe(fc.constantFrom([{ containerPort: 8080 }], [{ containerPort: 8080, hostPort: 8080 }])),
      readinessProbe: maybe(fc.constantFrom({ httpGet: { port: 8080 } }, { httpGet: { port: 8080, host: '10.0.0.1' } })),
      restartPolicy: maybe(fc.constant('Always')),
    },
    { requiredKeys: ['name', 'image'] },
  );

const podSpec = fc.record(
  {
    os: maybe(fc.constantFrom({ name: 'windows' }, { name: 'linux' })),
    hostUsers: maybe(fc.boolean()),
    hostNetwork: maybe(fc.boolean()),
    securityContext: maybe(
      fc.record(
        {
          runAsNonRoot: maybe(fc.boolean()),
          runAsUser: maybe(fc.constantFrom(0, 1000)),
          seccompProfile: seccomp,
          sysctls: maybe(fc.constantFrom([{ name: 'net.ipv4.tcp_syncookies', value: '1' }], [{ name: 'kernel.msgmax', value: '1' }])),
        },
        { requiredKeys: [] },
      ),
    ),
    volumes: maybe(fc.constantFrom([{ name: 'tmp', emptyDir: {} }], [{ name: 'logs', hostPath: { path: '/var/log' } }], [{ name: 'nfs', nfs: { server: 's', path: '/' } }])),
    containers: fc.tuple(container('app'), maybe(container('mgmt-sidecar'))).map(([a, b]) => (b ? [a, b] : [a])),
    initContainers: maybe(container('migrate').map((c) => [c])),
  },
  { requiredKeys: ['containers'] },
);

function manifestOf(spec: unknown): ManifestObject {
  const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shop-app', namespace: 'platform-vibe-shop' }, spec };
  return { object, file: 'pod.yaml', line: 1, apiVersion: 'v1', kind: 'Pod', name: 'shop-app', namespace: 'platform-vibe-shop' };
}

describe('the gate and the Pod Security module agree', () => {
  it.each(['1.28', '1.34', 'latest'])('on random pods at %s: every control admission refuses is reported by its check, and nothing else', (version) => {
    const cluster = clusterConfigSchema.parse({ podSecurityVersion: version });
    fc.assert(
      fc.property(podSpec, (spec) => {
        const manifest = manifestOf(spec);
        const context = new ReviewContext({ manifests: [manifest], cluster });
        const failedChecks = new Set(checks.filter((check) => check.run(context).some((r) => r.status === 'fail')).map((c) => c.id));
        const violations = podSecurityFindings(manifest.object, { version });
        for (const violation of violations) {
          const owners = GATE_CHECKS_OF_CONTROL[violation.control];
          const reportedBy = owners.filter((id) => failedChecks.has(id));
          const expected = { control: violation.control, reportedBy: expect.arrayContaining([expect.anything()]) };
          expect({ control: violation.control, reportedBy }).toEqual(expected);
        }
        const owning = new Set(violations.flatMap((v) => GATE_CHECKS_OF_CONTROL[v.control]));
        expect([...failedChecks].filter((id) => !owning.has(id))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
