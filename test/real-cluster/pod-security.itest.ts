import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { corpusFixtures, corpusMissing, readPod } from '../pod-security/corpus';
import { clusterDescribe, useCluster } from './helpers/cluster-suite';
import { clusterAt, gateRefusals, podManifest } from './helpers/gate-verdict';
import { expectOk, type KubeObject } from './helpers/kube-client';
import { admit, podSecurityNamespace, podsOf } from './helpers/pods';
import type { TestCluster } from './helpers/test-cluster';

/**
 * The real Pod Security admission is the oracle for the gate's pod-security checks: on the
 * upstream admission fixtures, on our own S* check fixtures and on random mutations of a
 * compliant pod, the gate refuses a pod exactly when kube-apiserver does. Agreement counts go
 * to stderr. The server is v1.34: fixtures written for a newer version are judged at v1.34 by both.
 */
const { describeCluster, binaries } = clusterDescribe(__filename);
const SERVER_MINOR = 34;
const RUNS = Number(process.env.VIBE_CLUSTER_PROPERTY_RUNS ?? 200);
const CHECKS_DIR = path.resolve(__dirname, '..', 'checks');

/** The version both sides judge by: the fixture's own, or the server's when it is newer. */
function judgedAt(version: string): string {
  const minor = version === 'latest' ? Infinity : Number(version.replace(/^v?1\./, ''));
  return minor > SERVER_MINOR ? `1.${SERVER_MINOR}` : version.replace(/^v/, '');
}

interface Comparison {
  readonly what: string;
  readonly server: 'admitted' | 'refused' | 'invalid';
  readonly gate: 'admitted' | 'refused';
  readonly detail: string;
}

/** Prints the agreement counts; returns the disagreements (pods the API itself finds invalid are not judged). */
function report(title: string, all: readonly Comparison[]): Comparison[] {
  const rows = all.filter((r) => r.server !== 'invalid');
  const disagreements = rows.filter((r) => r.server !== r.gate);
  const refused = rows.filter((r) => r.server === 'refused').length;
  const invalid = all.filter((r) => r.server === 'invalid');
  process.stderr.write(
    `${title}: gate agrees with kube-apiserver on ${rows.length - disagreements.length}/${rows.length} pods ` +
    `(${refused} refused by Pod Security, ${rows.length - refused} admitted; ${invalid.length} invalid to the API itself, not judged` +
    `${invalid.length && invalid.length <= 5 ? `: ${invalid.map((r) => `${r.what} (${r.detail.replace(/; gate: .*/, '')})`).join('; ')}` : ''})\n`,
  );
  return disagreements;
}

describeCluster('Pod Security: kube-apiserver\'s admission is the oracle for the gate', () => {
  const cluster = useCluster(binaries);
  const namespaces = new Map<string, Promise<string>>();

  /** A namespace enforcing restricted at `version` (`1.28`), made once. */
  function restrictedAt(c: TestCluster, version: string): Promise<string> {
    if (!namespaces.has(version)) {
      const name = `psa-restricted-v1-${version.split('.')[1]}`;
      namespaces.set(version, c.client().apply(podSecurityNamespace(name, 'restricted', `v${version}`)).then((r) => expectOk(r, name) && name));
    }
    return namespaces.get(version)!;
  }

  async function compare(what: string, object: Record<string, any>, version: string): Promise<Comparison[]> {
    const c = cluster();
    const namespace = await restrictedAt(c, version);
    const rows: Comparison[] = [];
    for (const pod of podsOf(object, namespace)) {
      const server = await admit(c.client(), pod);
      const refusals = gateRefusals(podManifest(pod), clusterAt(version));
      rows.push({
        what,
        server: server.verdict,
        gate: refusals.length ? 'refused' : 'admitted',
        detail: `server: ${server.message || 'admitted'}; gate: ${refusals.join(', ') || 'admitted'}`,
      });
    }
    return rows;
  }

  const corpusReason = corpusMissing('test/real-cluster/pod-security');
  if (corpusReason) process.stderr.write(`pod-security.itest.ts: the corpus part SKIPPED — ${corpusReason}\n`);
  // eslint-disable-next-line jest/no-disabled-tests
  const itCorpus = corpusReason ? it.skip : it;

  itCorpus('the upstream Pod Security fixtures: the server refuses every restricted fail fixture and admits every pass one, and the gate agrees on each', async () => {
    const rows: Comparison[] = [];
    const expectationMisses: string[] = [];
    for (const fixture of corpusFixtures()) {
      const pod = readPod(fixture.file);
      const what = path.relative(path.dirname(path.dirname(path.dirname(fixture.file))), fixture.file);
      const compared = await compare(`${fixture.level}/${what}`, pod, judgedAt(fixture.version));
      rows.push(...compared);
      // At its own version, a restricted fixture's expectation is the server's verdict, and a
      // baseline fail fixture is refused by restricted too.
      const ownVersion = judgedAt(fixture.version) === fixture.version;
      const expected = fixture.expected === 'pass' ? 'admitted' : 'refused';
      if (ownVersion && (fixture.level === 'restricted' || fixture.expected === 'fail') && compared[0].server !== expected) {
        expectationMisses.push(`${fixture.level}/${what}: expected ${expected}, ${compared[0].detail}`);
      }
    }
    expect(rows.length).toBeGreaterThan(200);
    expect(expectationMisses).toEqual([]);
    expect(report('pod-security corpus', rows)).toEqual([]);
  });

  it('the gate\'s own S* check fixtures: every pod in them gets the server\'s verdict from the gate', async () => {
    const rows: Comparison[] = [];
    const checkDirs = fs.readdirSync(CHECKS_DIR).filter((d) => /^S\d+$/.test(d)).sort();
    for (const id of checkDirs) {
      for (const name of fs.readdirSync(path.join(CHECKS_DIR, id)).filter((n) => /^(pass|fail|na)\..+\.ya?ml$/.test(n)).sort()) {
        const file = path.join(CHECKS_DIR, id, name);
        for (const manifest of parseManifests(fs.readFileSync(file, 'utf8'), file)) {
          rows.push(...(await compare(`${id}/${name} ${manifest.kind}/${manifest.name}`, manifest.object, '1.28')));
        }
      }
    }
    expect(rows.length).toBeGreaterThan(20);
    expect(report('test/checks/S*', rows)).toEqual([]);
  });

  it.each(['1.28', '1.34'])('random mutations of a compliant pod at %s: the gate refuses exactly what the server refuses', async (version) => {
    const rows: Comparison[] = [];
    await fc.assert(
      fc.asyncProperty(mutatedPod, async (pod) => {
        const compared = await compare('random pod', pod, version);
        rows.push(...compared);
        expect(compared.filter((r) => r.server !== 'invalid' && r.server !== r.gate)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    report(`random pods at ${version}`, rows);
    // The mutations must reach both verdicts, or the property proves little.
    expect(rows.some((r) => r.server === 'admitted') && rows.some((r) => r.server === 'refused')).toBe(true);
  });
});

/** A pod that restricted admits: the shape vibe-env writes. */
function compliantPod(): KubeObject {
  const hardened = () => ({
    runAsNonRoot: true,
    runAsUser: 1000,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'shop-app' },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'harbor.internal.example.com/shop-app:a3f91bc', securityContext: hardened() }],
      initContainers: [{ name: 'wait-for-postgres', image: 'harbor.internal.example.com/busybox:1.36', securityContext: hardened() }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
}

type Mutation = (spec: Record<string, any>) => void;
const container = fc.constantFrom<'containers' | 'initContainers'>('containers', 'initContainers');
/** Sets one field of the security context of the first app or init container. */
const containerField = (field: string, values: unknown[]): fc.Arbitrary<Mutation> =>
  fc.tuple(container, fc.constantFrom(...values)).map(([c, v]): Mutation => (s) => { s[c][0].securityContext[field] = v; });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  containerField('allowPrivilegeEscalation', [undefined, false, true]),
  containerField('runAsNonRoot', [undefined, false, true]),
  containerField('runAsUser', [undefined, 0, 1000]),
  fc.constantFrom(undefined, false, true).map((v): Mutation => (s) => { s.securityContext.runAsNonRoot = v; }),
  fc.constantFrom(undefined, 0, 1000).map((v): Mutation => (s) => { s.securityContext.runAsUser = v; }),
  containerField('privileged', [undefined, false, true]),
  fc.tuple(container, fc.constantFrom(undefined, ['ALL'], ['NET_RAW'], [])).map(([c, v]): Mutation => (s) => { s[c][0].securityContext.capabilities.drop = v; }),
  fc.tuple(container, fc.constantFrom(['NET_BIND_SERVICE'], ['SYS_ADMIN'], ['CHOWN'])).map(([c, v]): Mutation => (s) => { s[c][0].securityContext.capabilities.add = v; }),
  fc.tuple(container, fc.constantFrom(undefined, 'RuntimeDefault', 'Localhost', 'Unconfined')).map(([c, v]): Mutation => (s) => {
    s[c][0].securityContext.seccompProfile = v === undefined ? undefined : v === 'Localhost' ? { type: v, localhostProfile: 'p.json' } : { type: v };
  }),
  fc.constantFrom(undefined, 'RuntimeDefault', 'Unconfined').map((v): Mutation => (s) => { s.securityContext.seccompProfile = v && { type: v }; }),
  fc.tuple(container, fc.constantFrom('Default', 'Unmasked')).map(([c, v]): Mutation => (s) => { s[c][0].securityContext.procMount = v; s.hostUsers = v === 'Unmasked' ? false : s.hostUsers; }),
  fc.tuple(container, fc.constantFrom('RuntimeDefault', 'Unconfined')).map(([c, v]): Mutation => (s) => { s[c][0].securityContext.appArmorProfile = { type: v }; }),
  fc.tuple(container, fc.constantFrom('container_t', 'spc_t')).map(([c, v]): Mutation => (s) => { s[c][0].securityContext.seLinuxOptions = { type: v }; }),
  fc.constantFrom('hostNetwork', 'hostPID', 'hostIPC').map((v): Mutation => (s) => { s[v] = true; }),
  fc.constantFrom({ hostPath: { path: '/var/log' } }, { nfs: { server: 'nfs.internal.example.com', path: '/' } }, { configMap: { name: 'c' } }, { persistentVolumeClaim: { claimName: 'data' } })
    .map((v): Mutation => (s) => { s.volumes.push({ name: 'extra', ...v }); }),
  fc.constantFrom('net.ipv4.tcp_syncookies', 'kernel.msgmax', 'net.ipv4.ip_unprivileged_port_start').map((v): Mutation => (s) => { s.securityContext.sysctls = [{ name: v, value: '1' }]; }),
  fc.constantFrom(8080, 80).map((v): Mutation => (s) => { s.containers[0].ports = [{ containerPort: 8080, hostPort: v }]; }),
  fc.constant<Mutation>((s) => { s.os = { name: 'windows' }; }),
);

const mutatedPod = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
  const pod = compliantPod();
  for (const m of mutations) m(pod.spec as Record<string, any>);
  return JSON.parse(JSON.stringify(pod)) as KubeObject; // drops the undefined fields, as YAML would
});
