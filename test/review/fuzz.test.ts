import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { APP_NAMESPACE, exampleSealingKeyBytes, ManifestSet, ROOT } from './golden-set';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { VibeInputError } from '../../src/contract/errors';
import type { ManifestObject } from '../../src/manifests/manifest-object';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { CATALOGUE, checkById } from '../../src/review/catalogue';
import { ReviewContext, type ReviewInputs } from '../../src/review/context';
import { review } from '../../src/review/engine';
import type { Finding, ReviewReport } from '../../src/review/finding';
import { formatSarif } from '../../src/review/report/sarif';
import { STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';
import { sarifErrors } from '../helpers/sarif-schema';

/**
 * Fuzzing the review gate. Checks must tolerate any shape a manifest can take: whatever YAML a
 * creator (or an AI assistant) writes, the engine either refuses it as bad input (VibeInputError,
 * exit 2) or judges it; it never crashes (the engine turns a crashing check into an internal
 * error, which the CLI reports with exit 70). Runs are bounded so the file stays well under 60 s.
 *
 * Random maps may have their own `toString` and `valueOf` keys, and kinds may be named like
 * Object.prototype members: the crash classes found so far, each also pinned by a minimal input
 * below ("values no check may choke on").
 */

/** `VIBE_FUZZ_SCALE=50 npx jest test/review/fuzz.test.ts` for a longer soak (default runs stay under 60 s). */
const SCALE = Math.max(1, Number(process.env.VIBE_FUZZ_SCALE) || 1);
const runs = (n: number) => ({ numRuns: n * SCALE });

const cluster = clusterConfigSchema.parse({});
const GOLDEN: readonly ManifestObject[] = ManifestSet.golden().manifests();
const SEALING_KEY_BYTES = exampleSealingKeyBytes();


/** Runs the engine; only bad input may be thrown. Returns the report, or undefined for bad input. */
function reviewOrInputError(inputs: ReviewInputs): ReviewReport | undefined {
  try {
    return review(inputs);
  } catch (error) {
    if (error instanceof VibeInputError) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Random values, shaped like what YAML can produce: scalars (with the YAML 1.1 odd ones), lists
// and maps, keys that collide with the fields checks read.

/** Field names the checks read, so random maps land where they are looked at. */
const FIELD_NAMES = [
  'apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec', 'template', 'selector', 'matchLabels',
  'matchExpressions', 'key', 'operator', 'values', 'containers', 'initContainers', 'ephemeralContainers', 'image', 'ports', 'containerPort',
  'hostPort', 'protocol', 'port', 'targetPort', 'number', 'securityContext', 'runAsUser', 'runAsNonRoot', 'capabilities', 'drop', 'add',
  'seccompProfile', 'type', 'privileged', 'env', 'envFrom', 'value', 'valueFrom', 'secretKeyRef', 'configMapRef', 'data', 'stringData',
  'encryptedData', 'resources', 'requests', 'limits', 'cpu', 'memory', 'livenessProbe', 'readinessProbe', 'httpGet', 'exec', 'command',
  'args', 'path', 'timeoutSeconds', 'volumes', 'volumeMounts', 'mountPath', 'persistentVolumeClaim', 'claimName', 'hostPath', 'emptyDir',
  'podSelector', 'namespaceSelector', 'policyTypes', 'ingress', 'egress', 'from', 'to', 'ipBlock', 'cidr', 'except', 'rules', 'host',
  'http', 'paths', 'backend', 'service', 'tls', 'hosts', 'ingressClassName', 'scaleTargetRef', 'replicas', 'strategy', 'items',
  'constructor', '__proto__', 'hasOwnProperty', 'length', '0', '',
];
/** Strings the checks compare against, and some that break naive parsing. */
const WORDS = [
  'latest', '8081', '8082', 'mgmt', 'http', 'TCP', 'UDP', 'SCTP', 'Ingress', 'Egress', 'ALL', 'NET_RAW', 'RuntimeDefault', 'Unconfined',
  'Recreate', 'RollingUpdate', 'true', 'false', 'Always', 'Never', 'NodePort', 'LoadBalancer', 'CHANGE_ME', 'replace-me', 'In', 'NotIn',
  'Exists', 'DoesNotExist', 'application', 'database', 'cache', 'message-broker', 'metrics-exporter', 'reverse-proxy', 'constructor',
  'toString', '__proto__', 'hasOwnProperty', '0.0.0.0/0', '::/0', '10.0.0.0/33', '1e400', '-1', '0x1F', '', ' ', '$(VAR)', '${VAR}',
  '(((', '[a-', '\\', '.*', '*', '/var/log/app.log', '/data', 'postgres:16', 'redis', 'docker.io/library/redis', '@sha256:',
  'harbor.internal.example.com/x:1', 'Bearer abcdefghijklmnop.qrstuvwx.yz', 'jane@example.com', '4111111111111111', 'a'.repeat(300),
  'ünïcödé', '😀', '\u202e', 'line\nbreak',
];
const NUMBERS = [0, -0, -1, 1, 0.5, 65535, 65536, 2 ** 31, 2 ** 53, 1e21, 1e308, -1e308, Number.MAX_VALUE, Infinity, -Infinity, NaN];

/**
 * Map keys: the fields checks read, `toString` and `valueOf` (a map with its own `toString`
 * cannot be turned into text by String() or a template literal: checks must use textOf), and
 * random strings.
 */
const mapKey = fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.constantFrom('toString', 'valueOf'), fc.string({ maxLength: 10 }));
const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...NUMBERS),
  fc.boolean(),
  fc.constant(null),
);
const { value: anyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(mapKey, tie('value'), { maxKeys: 4 })),
}));

// ---------------------------------------------------------------------------------------------
// Random mutations of the valid example.

const KINDS = [
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Service', 'NetworkPolicy',
  'Ingress', 'HTTPRoute', 'IngressRoute', 'Secret', 'SealedSecret', 'ConfigMap', 'HorizontalPodAutoscaler', 'VerticalPodAutoscaler',
  'ScaledObject', 'Namespace', 'ServiceAccount', 'PersistentVolumeClaim', 'Endpoints', 'EndpointSlice', 'List', 'Gizmo',
];

type Mutation =
  | { readonly op: 'delete' | 'replace'; readonly object: number; readonly path: number; readonly value: unknown }
  | { readonly op: 'nest'; readonly object: number; readonly path: number; readonly value: unknown; readonly depth: number }
  | { readonly op: 'duplicate'; readonly object: number }
  | { readonly op: 'kind'; readonly object: number; readonly kind: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('replace' as const), object: fc.nat(), path: fc.nat(), value: anyValue }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), object: fc.nat(), path: fc.nat(), value: fc.constant(null) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), object: fc.nat(), path: fc.nat(), value: scalar, depth: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), object: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('kind' as const), object: fc.nat(), kind: fc.constantFrom(...KINDS) }) },
);

/** Every path to a value inside an object, in a stable order. */
function pathsIn(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const at = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(at);
      pathsIn(inner, at, out);
    }
  }
  return out;
}

function mutate(objects: Record<string, any>[], m: Mutation): void {
  const target = objects[m.object % objects.length];
  if (m.op === 'duplicate') return void objects.push(structuredClone(target));
  if (m.op === 'kind') return void (target.kind = m.kind);
  const paths = pathsIn(target);
  if (paths.length === 0) return;
  const at = paths[m.path % paths.length];
  let parent: any = target;
  for (const key of at.slice(0, -1)) parent = parent[key];
  const last = at[at.length - 1];
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return;
  }
  let value = m.value;
  if (m.op === 'nest') for (let level = 0; level < m.depth; level++) value = level % 2 === 0 ? { a: value } : [value];
  parent[last] = value;
}

/**
 * The example with the mutations applied. Touched objects go through YAML text and the manifest
 * parser again, as a file would (so NaN, odd keys and deep nesting meet the real reader); a
 * refused object is bad input.
 */
function mutatedSet(mutations: readonly Mutation[]): ManifestObject[] | 'bad input' {
  const objects = GOLDEN.map((m) => m.object);
  const touched = new Set<number>();
  for (const m of mutations) {
    const index = m.object % objects.length;
    if (!touched.has(index)) objects[index] = structuredClone(objects[index]);
    touched.add(index);
    const before = objects.length;
    mutate(objects, m);
    for (let added = before; added < objects.length; added++) touched.add(added);
  }
  const manifests: ManifestObject[] = [];
  try {
    objects.forEach((object, index) => {
      if (!touched.has(index)) manifests.push(GOLDEN[index]);
      else manifests.push(...parseManifests(stringify(object, { aliasDuplicateObjects: false }), GOLDEN[index]?.file ?? 'k8s/13-extra.yaml'));
    });
  } catch (error) {
    if (error instanceof VibeInputError) return 'bad input';
    throw error;
  }
  return manifests;
}

// ---------------------------------------------------------------------------------------------
// Random YAML text: documents built from lines that mean something to Kubernetes or to YAML
// (anchors, merge keys, tags, flow collections, odd indentation), mixed with random text.

const YAML_LINES = [
  'apiVersion: v1', 'apiVersion: apps/v1', 'apiVersion: networking.k8s.io/v1', 'kind: Pod', 'kind: Deployment', 'kind: Service',
  'kind: NetworkPolicy', 'kind: Ingress', 'kind: Secret', 'kind: ConfigMap', 'kind: List', 'metadata:', '  name: x', '  namespace: ns',
  '  labels: {app: x}', 'spec:', '  containers:', '  - name: app', '    image: nginx', '    ports: [{containerPort: 8082, hostPort: 8082}]',
  '  template: {spec: {containers: [{name: a, image: "b:latest"}]}}', '  podSelector: {}', '  policyTypes: [Ingress]', '  ingress: [{}]',
  'items:', '- apiVersion: v1', '  kind: Pod', 'data: {PASSWORD: hunter2}', 'base: &base {a: 1}', 'other: *base', '<<: *base',
  'anchor: &a [1, 2]', 'alias: *a', '---', '...', '? [complex, key]', ': value', '!!binary aGVsbG8=', '!!set {a, b}', 'x: !!str 0644',
  'y: !custom tag', ': no key', '- - - nested', '{unclosed: [', "'unterminated", '"\\u00e9\\t"', '\t tabbed: 1', '        deep: 1', '.nan',
  '.inf', '-.inf', '0x1F', '0o17', '0644', '1_000', '2001-12-14t21:59:43.10-05:00', '~', 'yes', 'no', 'on', 'off', 'null', '%YAML 1.2',
  '# comment', '',
];
const yamlText = fc
  .tuple(
    // Half of the documents start as a Kubernetes object, so they get past the reader more often.
    fc.option(fc.constantFrom(...KINDS).map((kind) => `apiVersion: v1\nkind: ${kind}`), { nil: '' }),
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...YAML_LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 24 }) }), {
      maxLength: 24,
    }),
  )
  .map(([header, lines]) => [header, ...lines].join('\n'));

// ---------------------------------------------------------------------------------------------

describe('review() tolerates any manifest shape', () => {
  it('never throws anything but VibeInputError on random mutations of the valid example', () => {
    let judged = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const manifests = mutatedSet(mutations);
        if (typeof manifests === 'string') return;
        const report = reviewOrInputError({ manifests, cluster, sealingKeyBytes: SEALING_KEY_BYTES });
        if (report) judged++;
        for (const finding of report?.findings ?? []) expect(finding.severity).toBe(checkById(finding.id)?.severity);
      }),
      runs(400),
    );
    expect(judged).toBeGreaterThan(150 * SCALE);
  });

  it('never throws anything but VibeInputError on random YAML text', () => {
    let judged = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        let manifests: ManifestObject[];
        try {
          manifests = parseManifests(text, 'k8s/fuzz.yaml');
        } catch (error) {
          if (error instanceof VibeInputError) return;
          throw error;
        }
        if (reviewOrInputError({ manifests, cluster })) judged++;
      }),
      runs(400),
    );
    expect(judged).toBeGreaterThan(20 * SCALE);
  });

  it('never throws on random log samples, Dockerfiles and /metrics answers', () => {
    const logLine = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.json({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom('time', 'level', 'msg', 'message', 'ts', 'password', 'email', 'toString'), anyValue, { maxKeys: 4 }).map((o) => JSON.stringify(o)),
      fc.constantFrom('{"__proto__":{"msg":1}}', '[1,2]', '{', 'Authorization: Bearer abcdefghijklmnop.qrstuvwx', 'card 4111 1111 1111 1111', '-----BEGIN RSA PRIVATE KEY-----'),
    );
    const dockerfileText = fc
      .array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('FROM', 'FROM --platform=', 'FROM $BASE AS', 'ARG BASE=', 'ENV A=1 B', 'ENV TOKEN', 'ARG', 'RUN \\', '# syntax=docker/dockerfile:1', 'FROM scratch')), { maxLength: 8 })
      .map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(
        fc.array(logLine, { maxLength: 6 }),
        dockerfileText,
        fc.string({ maxLength: 200 }),
        fc.option(fc.constantFrom('text/plain; version=0.0.4', 'application/openmetrics-text; version=1.0.0', 'text/html', 'application/json', '', ';;;')),
        fc.option(fc.integer({ min: 0, max: 999 })),
        (lines, dockerfile, body, contentType, status) => {
          reviewOrInputError({
            manifests: GOLDEN,
            cluster,
            sealingKeyBytes: SEALING_KEY_BYTES,
            logs: lines.map((text, index) => ({ source: 'sample.log', line: index + 1, text })),
            dockerfiles: [{ file: 'Dockerfile', text: dockerfile }],
            metrics: [{ source: 'metrics.txt', body, contentType: contentType ?? undefined, status: status ?? undefined }],
          });
        },
      ),
      runs(100),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Crashes the fuzz found, one minimal input each, with the checks that used to throw on it: a
// check must judge or skip, never throw. Every check runs on every input.

/** A map that cannot be turned into text: its own `toString` is not a function. */
const UNPRINTABLE = '{toString: 1}';
const pod = (spec: string, metadata = '{name: p}') => `apiVersion: v1\nkind: Pod\nmetadata: ${metadata}\nspec:\n${spec}\n`;
const CRASH_CASES: readonly { readonly what: string; readonly checks: readonly string[]; readonly yaml: string }[] = [
  { what: 'seccompProfile.type is a map', checks: ['S1'], yaml: pod(`  containers: [{name: app, image: x, securityContext: {seccompProfile: {type: ${UNPRINTABLE}}}}]`) },
  {
    what: "an init container's seccompProfile.type is a map",
    checks: ['S4'],
    yaml: pod(`  initContainers: [{name: w, image: x, securityContext: {seccompProfile: {type: ${UNPRINTABLE}}}}]\n  containers: [{name: app, image: x}]`),
  },
  { what: 'capabilities.drop holds a map', checks: ['A4'], yaml: pod(`  containers: [{name: app, image: x, securityContext: {capabilities: {drop: [${UNPRINTABLE}]}}}]`) },
  { what: 'capabilities.add holds a map', checks: ['A4'], yaml: pod(`  containers: [{name: app, image: x, securityContext: {capabilities: {drop: [ALL], add: [${UNPRINTABLE}]}}}]`) },
  {
    what: 'a database Deployment strategy.type is a map',
    checks: ['D2'],
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db}\nspec:\n  strategy: {type: ${UNPRINTABLE}}\n  template: {spec: {containers: [{name: db, image: postgres}]}}\n`,
  },
  { what: "a database's image is a map", checks: ['D1', 'D4'], yaml: pod(`  containers: [{name: db, image: ${UNPRINTABLE}}]`, '{name: db, labels: {app.kubernetes.io/component: database}}') },
  { what: 'the enforce label of a Namespace is a map', checks: ['S6'], yaml: `apiVersion: v1\nkind: Namespace\nmetadata: {name: ns, labels: {pod-security.kubernetes.io/enforce: ${UNPRINTABLE}}}\n` },
  { what: 'hostPort is a map', checks: ['S3'], yaml: pod(`  containers: [{name: app, image: x, ports: [{containerPort: 1, hostPort: ${UNPRINTABLE}}]}]`) },
  { what: 'hostPath.path is a map', checks: ['S3'], yaml: pod(`  volumes: [{name: v, hostPath: {path: ${UNPRINTABLE}}}]\n  containers: [{name: app, image: x}]`) },
  { what: 'serviceAccountName is a map', checks: ['S5'], yaml: pod(`  serviceAccountName: ${UNPRINTABLE}\n  containers: [{name: app, image: x}]`) },
  { what: 'an env value is a map', checks: ['E5'], yaml: pod(`  containers: [{name: app, image: x, env: [{name: FOO, value: ${UNPRINTABLE}}]}]`) },
  { what: 'prometheus.io/scrape is a map', checks: ['C3', 'G1'], yaml: pod('  containers: [{name: app, image: x}]', `{name: p, annotations: {prometheus.io/scrape: ${UNPRINTABLE}}}`) },
  {
    what: 'prometheus.io/port is a map',
    checks: ['C3', 'G1'],
    yaml: pod('  containers: [{name: app, image: x}]', `{name: p, annotations: {prometheus.io/scrape: "true", prometheus.io/port: ${UNPRINTABLE}}}`),
  },
  {
    what: 'prometheus.io/path is a map',
    checks: ['G1'],
    yaml: pod('  containers: [{name: app, image: x, ports: [{containerPort: 8081}]}]', `{name: p, annotations: {prometheus.io/scrape: "true", prometheus.io/port: "8081", prometheus.io/path: ${UNPRINTABLE}}}`),
  },
  {
    what: 'a NetworkPolicy selects the label key toString',
    checks: ['C8'],
    yaml: `${pod('  containers: [{name: app, image: x}]')}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec: {podSelector: {matchLabels: {toString: a}}}\n`,
  },
  { what: 'a containerPort is a list holding a map', checks: ['G1'], yaml: pod(`  containers: [{name: app, image: x, ports: [{containerPort: [${UNPRINTABLE}]}]}]`) },
  { what: 'a resource quantity is a map', checks: ['F3'], yaml: pod(`  containers: [{name: app, image: x, resources: {limits: {cpu: ${UNPRINTABLE}}}}]`) },
  {
    what: "the app's init container command holds a map",
    checks: ['D3'],
    yaml: `${pod('  containers: [{name: db, image: postgres}]', '{name: db, labels: {app.kubernetes.io/component: database}}')}---\n${pod(`  initContainers: [{name: w, image: x, command: [${UNPRINTABLE}]}]\n  containers: [{name: app, image: x}]`, '{name: app}')}`,
  },
  { what: "redis's command holds a map", checks: ['D4'], yaml: pod(`  containers: [{name: r, image: redis, command: [${UNPRINTABLE}]}]`, '{name: r, labels: {app.kubernetes.io/component: cache}}') },
  { what: 'a volumeMount mountPath is a map', checks: ['G4'], yaml: pod(`  containers: [{name: app, image: x, volumeMounts: [{name: v, mountPath: ${UNPRINTABLE}}]}]`) },
  { what: 'a container name is a map', checks: ['A1', 'A4', 'A5', 'A6', 'D4', 'F1', 'F2', 'G4', 'S2'], yaml: pod(`  containers: [{name: ${UNPRINTABLE}, image: x}]`) },
  { what: 'an exec probe command holds a map', checks: ['B3', 'N3'], yaml: pod(`  containers: [{name: app, image: x, livenessProbe: {exec: {command: [${UNPRINTABLE}]}}}]`) },
  {
    what: 'replicas is a map',
    checks: ['F5'],
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: p}\nspec:\n  replicas: ${UNPRINTABLE}\n  template: {spec: {containers: [{name: app, image: x}]}}\n`,
  },
  {
    what: "Traefik's router.tls annotation is a map",
    checks: ['H2'],
    yaml: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, annotations: {traefik.ingress.kubernetes.io/router.tls: ${UNPRINTABLE}}}\nspec: {rules: [{host: a.example.com}]}\n`,
  },
];

/** Kinds named like Object.prototype members: fixed (workloads and roles read own keys only). */
const PROTOTYPE_KINDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

describe('crashes found by the fuzz stay fixed', () => {
  it('names only checks of the catalogue', () => {
    for (const { checks } of CRASH_CASES) for (const id of checks) expect(checkById(id)?.id).toBe(id);
  });

  // Either the reader refuses the object as Kubernetes would (a plain error naming the field), or
  // every check judges it without throwing: never a crash.
  const readOrRefused = (yaml: string) => {
    try {
      return parseManifests(yaml, 'k8s/min.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(VibeInputError);
      expect((error as Error).message).toMatch(/Kubernetes refuses it/);
      return undefined;
    }
  };

  it.each(CRASH_CASES.map(({ what, checks, yaml }) => [checks.join(', '), what, yaml] as const))('%s (and every other check) judge when %s, or the reader refuses it', (_ids, _what, yaml) => {
    const manifests = readOrRefused(yaml);
    if (!manifests) return;
    const context = new ReviewContext({ manifests, cluster });
    for (const check of CATALOGUE) expect(() => check.run(context)).not.toThrow();
  });

  it('no check throws when the app.kubernetes.io/component label is a map (roles read text labels only)', () => {
    const yaml = pod('  containers: [{name: app, image: x}]', `{name: p, labels: {app.kubernetes.io/component: ${UNPRINTABLE}}}`);
    const manifests = readOrRefused(yaml);
    if (!manifests) return;
    const context = new ReviewContext({ manifests, cluster });
    for (const id of ['A1', 'A3', 'B1', 'B2', 'B3', 'B4', 'B5', 'C4', 'D1', 'D2', 'D3', 'D4', 'F1', 'F2', 'F4', 'F5', 'G1', 'G4']) expect(() => checkById(id)!.run(context)).not.toThrow();
  });

  it.each(PROTOTYPE_KINDS)('no check throws on an object of kind %s', (kind) => {
    const context = new ReviewContext({ manifests: parseManifests(`apiVersion: v1\nkind: ${kind}\nmetadata: {name: x}\n`, 'k8s/min.yaml'), cluster });
    for (const check of CATALOGUE) expect(() => check.run(context)).not.toThrow();
  });

  it('the CLI reports a manifest of kind constructor as a finding or bad input, not an internal error (exit 70)', () => {
    const file = path.join(tempDir('vibe-fuzz-'), 'odd.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: constructor\nmetadata: {name: x}\n');
    expect([0, 1, 2]).toContain(vibe(['review', file]).status);
  });

  it('judges an app labelled app.kubernetes.io/component: toString as the app (B1 and G1 fire on it)', () => {
    // A label value that names an Object.prototype member is read as a role (context.ts roleOf),
    // so the app escapes every check of "the app": here B1 (no port 8081) and G1 (no scrape annotation).
    const set = ManifestSet.golden();
    for (const metadata of [set.deployment('app').metadata, set.deployment('app').spec.template.metadata]) metadata.labels['app.kubernetes.io/component'] = 'toString';
    set.container('app').ports = [{ containerPort: 8082, name: 'mgmt', protocol: 'TCP' }];
    delete set.deployment('app').spec.template.metadata.annotations['prometheus.io/scrape'];
    const ids = new Set(review({ manifests: set.manifests(), cluster }).findings.map((f) => f.id));
    expect(ids.has('B1') && ids.has('G1')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI on a handful of random files: exit 0, 1 or 2, never a stack trace.

describe('vibe review on random files', () => {
  it('exits 0, 1 or 2 and prints no stack trace', () => {
    const dir = tempDir('vibe-fuzz-cli-');
    const texts = fc.sample(yamlText, { numRuns: 4 });
    const sets = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 4 }), { numRuns: 12 })
      .map(mutatedSet)
      .filter((s): s is ManifestObject[] => typeof s !== 'string')
      .slice(0, 3);
    const cases: string[] = [];
    texts.forEach((text, index) => {
      const file = path.join(dir, `random-${index}.yaml`);
      fs.writeFileSync(file, text);
      cases.push(file);
    });
    sets.forEach((manifests, index) => {
      const folder = path.join(dir, `mutated-${index}`);
      fs.mkdirSync(folder);
      const byFile = new Map<string, string[]>();
      for (const m of manifests) {
        const name = path.basename(m.file);
        byFile.set(name, [...(byFile.get(name) ?? []), stringify(m.object, { aliasDuplicateObjects: false })]);
      }
      for (const [name, documents] of byFile) fs.writeFileSync(path.join(folder, name), documents.join('---\n'));
      cases.push(folder);
    });
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const target of cases) {
      const result = vibe(['review', target, '--format', 'json']);
      const stack = STACK_LINE.test(result.stderr) || STACK_LINE.test(result.stdout);
      expect({ target, exit: [0, 1, 2].includes(result.status ?? -1) ? 'ok' : result.status, stack, stderr: result.stderr.slice(0, 300) }).toEqual({
        target,
        exit: 'ok',
        stack: false,
        stderr: expect.any(String),
      });
      // One app's report, or, when a mutation moved an object into another namespace, the report
      // of a set of apps (one per namespace).
      if (result.status !== 2) expect([['app', 'passed', 'findings', 'clusterConfig'], ['passed', 'apps', 'clusterConfig']]).toContainEqual(Object.keys(JSON.parse(result.stdout)));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// SARIF for random findings validates against the SARIF 2.1.0 schema.

const IDS = CATALOGUE.map((c) => c.id);
/** Paths as manifests are named: relative or absolute, in the characters file names usually have. */
const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const manifestPath = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `${parts.join('/')}.yaml`),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => path.join(ROOT, ...parts)),
  fc.constantFrom('<stdin>', 'Dockerfile', 'sample.log', 'k8s/08-app.yaml'),
);
const finding: fc.Arbitrary<Finding> = fc
  .record(
    {
      id: fc.oneof(fc.constantFrom(...IDS), fc.stringMatching(/^[A-Z]\d{1,2}$/)),
      severity: fc.constantFrom('CRITICAL' as const, 'WARNING' as const),
      message: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })),
      file: manifestPath,
      line: fc.integer({ min: -3, max: 1_000_000 }),
      object: fc.record({ kind: fc.constantFrom('Deployment', 'Service', 'NetworkPolicy', 'Secret', ''), name: fc.string({ maxLength: 30 }), namespace: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }),
    },
    { requiredKeys: ['id', 'severity', 'message'] },
  )
  .map(({ object, ...rest }) => ({ ...rest, ...object }));

describe('SARIF output', () => {
  const sarifOf = (findings: Finding[]) => JSON.parse(formatSarif({ app: 'x', passed: false, findings, summary: [] }, CATALOGUE, '0.0.0'));

  it('validates against the SARIF 2.1.0 schema for random findings', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), (findings) => {
        const sarif = sarifOf(findings);
        expect(sarifErrors(sarif)).toEqual([]);
        sarif.runs[0].results.forEach((result: any, index: number) => {
          expect(result.ruleId).toBe(findings[index].id);
          if (result.ruleIndex !== undefined) expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
        });
      }),
      runs(200),
    );
  });

  it('validates for the report of a real review', () => {
    const set = ManifestSet.golden();
    set.container('app').image = 'redis:latest';
    set.remove('NetworkPolicy', 'default-deny-ingress');
    const report = review({ manifests: set.manifests(), cluster, appName: APP_NAMESPACE });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(sarifErrors(JSON.parse(formatSarif(report, CATALOGUE, '0.0.0')))).toEqual([]);
  });

  it('percent-encodes file names with spaces or non-ASCII characters in artifactLocation.uri', () => {
    // sarif.ts uriOf() writes the path as is; "k8s/my app.yaml" is not a valid uri-reference.
    const sarif = sarifOf([{ id: 'A1', severity: 'CRITICAL', message: 'm', file: 'k8s/my app/Ünïcode.yaml', line: 3 }]);
    expect(sarifErrors(sarif)).toEqual([]);
  });
});
