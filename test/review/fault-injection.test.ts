import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_NAMESPACE, exampleSealingKeyBytes, ManifestSet } from './golden-set';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { CATALOGUE, checkById } from '../../src/review/catalogue';
import type { DockerfileInput, LogLine, MetricsSample, ReviewInputs } from '../../src/review/context';
import { review } from '../../src/review/engine';
import type { ReviewReport } from '../../src/review/finding';
import { render, tempDir, WEB_APP } from '../helpers/render';

/**
 * Fault injection: the synthesized, sealed Inventory Checker passes every check; for each check
 * of the catalogue one realistic fault is injected into it (a mutation of the parsed manifests,
 * or a faulty Dockerfile, source tree, log sample or /metrics answer), and exactly that check
 * must fire, with its catalogue severity. A check that stays quiet on its own fault, or a
 * neighbour that fires without the contract tying it to the fault, fails here.
 */

// ---------------------------------------------------------------------------------------------
// Clean inputs besides the manifests: with them, every input check runs and passes.

const CLEAN_DOCKERFILE = [
  'FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim AS build',
  'WORKDIR /app',
  'COPY package*.json ./',
  'RUN npm ci --omit=dev',
  'COPY . .',
  'FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim',
  'WORKDIR /app',
  'COPY --from=build /app /app',
  'ENV NODE_ENV=production PORT=8081',
  'USER 1000',
  'CMD ["node", "server.js"]',
  '',
].join('\n');

const dockerfile = (text: string): DockerfileInput[] => [{ file: 'Dockerfile', text }];

const logLines = (...texts: string[]): LogLine[] => texts.map((text, index) => ({ source: 'sample.log', line: index + 1, text }));
const CLEAN_LOG_LINES = [
  '{"time":"2026-01-01T10:00:00Z","level":"info","msg":"listening on 8081"}',
  '{"time":"2026-01-01T10:00:01.250Z","level":"info","msg":"GET /items 200","durationMs":12}',
  '{"time":"2026-01-01T10:00:02+01:00","level":"warn","msg":"stock below threshold","sku":"A-1001"}',
];

const metrics = (body: string, contentType = 'text/plain; version=0.0.4'): MetricsSample[] => [{ source: 'http://localhost:8081/metrics', status: 200, contentType, body }];
const CLEAN_METRICS = [
  '# HELP http_requests_total Requests served.',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="GET",code="200"} 1027',
  '# HELP inventory_items Items in stock.',
  '# TYPE inventory_items gauge',
  'inventory_items 42',
  '',
].join('\n');

/** A source tree: file name → text, written into a fresh folder. */
function sourceTree(files: Record<string, string>): string {
  const dir = tempDir('vibe-src-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
const CLEAN_SOURCE = {
  'package.json': '{ "name": "inventory-checker", "dependencies": { "pino": "^9.0.0" } }\n',
  'server.js': "const pino = require('pino');\nconst log = pino({ timestamp: pino.stdTimeFunctions.isoTime });\nlog.info('listening on 8081');\n",
};

let cleanSourceDir: string | undefined;

function cleanInputs(): Omit<ReviewInputs, 'manifests'> {
  cleanSourceDir ??= sourceTree(CLEAN_SOURCE);
  return {
    cluster: clusterConfigSchema.parse({}),
    sealingKeyBytes: exampleSealingKeyBytes(),
    dockerfiles: dockerfile(CLEAN_DOCKERFILE),
    sourceDir: cleanSourceDir,
    logs: logLines(...CLEAN_LOG_LINES),
    metrics: metrics(CLEAN_METRICS),
  };
}

// ---------------------------------------------------------------------------------------------
// One fault per check.

interface Fault {
  /** The mistake, as a creator (or their AI assistant) would make it. */
  readonly fault: string;
  /** Breaks the manifests. */
  readonly manifests?: (set: ManifestSet) => void;
  /** Replaces a clean input with a faulty one. */
  readonly inputs?: () => Partial<ReviewInputs>;
}

/** The rabbitmq broker of the same app, as the library synthesizes it (for C6, which needs one). */
function rabbitmqObjects(): { file: string; object: Record<string, any> }[] {
  const files = render({ ...WEB_APP, components: { postgres: true, redis: true, nginx: true, rabbitmq: true } });
  const pick = (file: string, kind: string, name: string) => {
    const object = files.find((f) => f.name === file)?.objects.find((o) => o.kind === kind && o.metadata?.name === name);
    if (!object) throw new Error(`no ${kind}/${name} in ${file}`);
    return { file, object: structuredClone(object) };
  };
  return [
    pick('04-storage.yaml', 'PersistentVolumeClaim', 'inventory-checker-rabbitmq-data'),
    pick('07-rabbitmq.yaml', 'Deployment', 'inventory-checker-rabbitmq'),
    pick('07-rabbitmq.yaml', 'Service', 'inventory-checker-rabbitmq'),
    pick('01-network-policies.yaml', 'NetworkPolicy', 'allow-metrics-scrape-rabbitmq'),
  ];
}

const FAULTS: Readonly<Record<string, Fault>> = {
  A1: { fault: 'the app image is tagged :latest', manifests: (s) => void (s.container('app').image = 'harbor.internal.example.com/inventory-checker-app:latest') },
  A2: { fault: 'the Dockerfile has no --platform', inputs: () => ({ dockerfiles: dockerfile(CLEAN_DOCKERFILE.replace(/--platform=linux\/amd64 /g, '')) }) },
  A3: { fault: 'the app container runs as root', manifests: (s) => void Object.assign(s.container('app').securityContext, { runAsNonRoot: false, runAsUser: 0 }) },
  A4: { fault: 'the app keeps its Linux capabilities', manifests: (s) => void delete s.container('app').securityContext.capabilities },
  A5: {
    fault: 'the Dockerfile pulls node from Docker Hub',
    inputs: () => ({ dockerfiles: dockerfile(CLEAN_DOCKERFILE.replace(/harbor\.internal\.example\.com\/dockerhub-proxy\/node/g, 'node')) }),
  },
  A6: { fault: 'the app image comes from ghcr.io', manifests: (s) => void (s.container('app').image = 'ghcr.io/acme/inventory-checker-app:a3f91bc') },
  B1: { fault: 'the app listens on 9090 instead of 8081', manifests: (s) => void (s.container('app').ports[0].containerPort = 9090) },
  B2: { fault: 'the app does not declare its management port', manifests: (s) => void s.container('app').ports.splice(1, 1) },
  B3: { fault: 'the liveness probe asks /healthz', manifests: (s) => void (s.container('app').livenessProbe.httpGet.path = '/healthz') },
  B4: { fault: 'the readiness probe asks /ready', manifests: (s) => void (s.container('app').readinessProbe.httpGet.path = '/ready') },
  B5: { fault: 'the readiness probe waits 5 s although it checks the database', manifests: (s) => void (s.container('app').readinessProbe.timeoutSeconds = 5) },
  B6: {
    fault: 'the app Service is a NodePort carrying 8082',
    manifests: (s) => {
      const service = s.get('Service', 'inventory-checker-app');
      service.spec.type = 'NodePort';
      service.spec.ports.push({ name: 'mgmt', port: 8082, protocol: 'TCP', targetPort: 'mgmt' });
    },
  },
  C1: { fault: 'no default-deny-ingress', manifests: (s) => void s.remove('NetworkPolicy', 'default-deny-ingress') },
  C2: { fault: 'no allow for the ingress controller', manifests: (s) => void s.remove('NetworkPolicy', 'allow-ingress-controller') },
  C3: { fault: 'no allow for the metrics scraper', manifests: (s) => void s.remove('NetworkPolicy', 'allow-metrics-scrape-app') },
  C4: { fault: 'no allow from the app to postgres', manifests: (s) => void s.remove('NetworkPolicy', 'allow-app-to-postgres') },
  C5: { fault: 'no allow from the app to redis', manifests: (s) => void s.remove('NetworkPolicy', 'allow-app-to-redis') },
  C6: {
    fault: 'a rabbitmq broker is added without an allow from the app',
    manifests: (s) => {
      for (const { file, object } of rabbitmqObjects()) s.add(file, object);
    },
  },
  C7: {
    fault: 'postgres also accepts every namespace',
    manifests: (s) => void s.get('NetworkPolicy', 'allow-app-to-postgres').spec.ingress[0].from.push({ namespaceSelector: {} }),
  },
  C8: {
    fault: 'a policy for a worker that does not exist',
    manifests: (s) =>
      void s.add('01-network-policies.yaml', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-nginx-to-worker', namespace: APP_NAMESPACE },
        spec: {
          podSelector: { matchLabels: { app: 'inventory-checker-worker' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'inventory-checker-nginx' } } }], ports: [{ port: 8081, protocol: 'TCP' }] }],
        },
      }),
  },
  D1: { fault: 'postgres mounts a claim that is not defined', manifests: (s) => void s.remove('PersistentVolumeClaim', 'inventory-checker-postgres-data') },
  D2: { fault: 'postgres updates with RollingUpdate', manifests: (s) => void (s.deployment('postgres').spec.strategy = { type: 'RollingUpdate' }) },
  D3: { fault: 'the app does not wait for postgres', manifests: (s) => void s.podSpec('app').initContainers.splice(0, 1) },
  D4: { fault: 'the app container has a writable root filesystem', manifests: (s) => void (s.container('app').securityContext.readOnlyRootFilesystem = false) },
  E1: {
    fault: 'a plain Secret in Git',
    manifests: (s) =>
      void s.add('02-secrets.yaml', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'inventory-secrets', namespace: APP_NAMESPACE }, type: 'Opaque', data: { STRIPE_KEY: 'c2tfdGVzdF8xMjM0' } }),
  },
  E2: { fault: 'a database password in the ConfigMap', manifests: (s) => void (s.get('ConfigMap', 'inventory-checker-config').data.DATABASE_PASSWORD = 'hunter2hunter2') },
  E3: {
    fault: 'an API token in the Dockerfile',
    inputs: () => ({ dockerfiles: dockerfile(CLEAN_DOCKERFILE.replace('ENV NODE_ENV=production', 'ENV NODE_ENV=production API_TOKEN=s3cr3t-t0ken-value')) }),
  },
  E4: { fault: 'a CHANGE_ME placeholder left in the ConfigMap', manifests: (s) => void (s.get('ConfigMap', 'inventory-checker-config').data.GREETING = 'CHANGE_ME') },
  E5: { fault: 'an API token as a plain env value', manifests: (s) => void s.container('app').env.push({ name: 'API_TOKEN', value: 'tok-1234567890' }) },
  E6: { fault: "the sealed Secret's template names another namespace", manifests: (s) => void (s.get('SealedSecret').spec.template.metadata.namespace = 'default') },
  E7: { fault: 'a value that is not sealed', manifests: (s) => void (s.get('SealedSecret').spec.encryptedData.REDIS_PASSWORD = 'AgBnotreallysealed==') },
  F1: { fault: 'nginx requests nothing', manifests: (s) => void delete s.container('nginx').resources.requests },
  F2: { fault: 'nginx has no memory limit (the article\'s warning)', manifests: (s) => void delete s.container('nginx').resources.limits.memory },
  F3: { fault: 'the app requests 250m cpu, between two sizes', manifests: (s) => void (s.container('app').resources.requests.cpu = '250m') },
  F4: {
    fault: 'redis is sized sm',
    manifests: (s) => void (s.container('redis').resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '300m', memory: '256Mi' } }),
  },
  F5: { fault: 'static replicas beside the HPA', manifests: (s) => void (s.deployment('app').spec.replicas = 3) },
  G1: { fault: 'no prometheus.io/scrape annotation', manifests: (s) => void delete s.deployment('app').spec.template.metadata.annotations['prometheus.io/scrape'] },
  G2: { fault: '/metrics answers an HTML page', inputs: () => ({ metrics: metrics('<html><body>Inventory Checker</body></html>', 'text/html; charset=utf-8') }) },
  G3: { fault: 'plaintext log lines', inputs: () => ({ logs: logLines(...CLEAN_LOG_LINES, 'INFO 2026-01-01 10:00:03 GET /items 200') }) },
  G4: {
    fault: 'the app logs to a file',
    inputs: () => ({ sourceDir: sourceTree({ ...CLEAN_SOURCE, 'app.py': "import logging\nlogging.getLogger().addHandler(logging.FileHandler('app.log'))\n" }) }),
  },
  G5: { fault: 'JSON logs with "message" instead of "msg"', inputs: () => ({ logs: logLines(...CLEAN_LOG_LINES, '{"time":"2026-01-01T10:00:03Z","level":"info","message":"GET /items 200"}') }) },
  G6: {
    fault: "a customer's e-mail address in the logs",
    inputs: () => ({ logs: logLines(...CLEAN_LOG_LINES, '{"time":"2026-01-01T10:00:03Z","level":"info","msg":"order placed by jane.doe@example.com"}') }),
  },
  H1: {
    fault: 'the Ingress host is outside the cluster pattern',
    manifests: (s) => {
      const spec = s.get('Ingress').spec;
      spec.rules[0].host = 'inventory.example.org';
      spec.tls[0].hosts = ['inventory.example.org'];
    },
  },
  H2: {
    fault: 'the Ingress serves no TLS',
    manifests: (s) => {
      const ingress = s.get('Ingress');
      delete ingress.spec.tls;
      delete ingress.metadata.annotations['traefik.ingress.kubernetes.io/router.tls'];
    },
  },
  H3: { fault: 'the Ingress asks for the nginx class', manifests: (s) => void (s.get('Ingress').spec.ingressClassName = 'nginx') },
  H4: { fault: 'the Ingress backend names a Service that does not exist', manifests: (s) => void (s.get('Ingress').spec.rules[0].http.paths[0].backend.service.name = 'inventory-checker-web') },
  S1: { fault: 'the app container runs Unconfined', manifests: (s) => void (s.container('app').securityContext.seccompProfile = { type: 'Unconfined' }) },
  S2: { fault: 'the app container allows privilege escalation', manifests: (s) => void (s.container('app').securityContext.allowPrivilegeEscalation = true) },
  S3: { fault: "the app shares the node's process namespace", manifests: (s) => void (s.podSpec('app').hostPID = true) },
  S4: { fault: 'an init container allows privilege escalation', manifests: (s) => void (s.podSpec('app').initContainers[0].securityContext.allowPrivilegeEscalation = true) },
  S5: { fault: 'the app pod mounts its service-account token', manifests: (s) => void (s.podSpec('app').automountServiceAccountToken = true) },
  S6: { fault: 'the namespace enforces only baseline', manifests: (s) => void (s.get('Namespace').metadata.labels['pod-security.kubernetes.io/enforce'] = 'baseline') },
  S7: { fault: 'the app mounts an nfs share directly', manifests: (s) => void s.podSpec('app').volumes.push({ name: 'shared', nfs: { server: 'nfs.internal.example.com', path: '/exports' } }) },
  S8: { fault: 'the app container runs AppArmor Unconfined', manifests: (s) => void (s.container('app').securityContext.appArmorProfile = { type: 'Unconfined' }) },
  S9: { fault: 'the app pod sets an unsafe sysctl', manifests: (s) => void (s.podSpec('app').securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]) },
  S10: {
    fault: 'on a 1.34 cluster, the readiness probe names a host',
    manifests: (s) => void (s.container('app').readinessProbe.httpGet.host = '10.0.0.1'),
    inputs: () => ({ cluster: clusterConfigSchema.parse({ podSecurityVersion: '1.34' }) }),
  },
  S11: { fault: 'the app pod asks for a Windows HostProcess', manifests: (s) => void (s.podSpec('app').securityContext.windowsOptions = { hostProcess: true }) },
  S12: {
    fault: 'an Argo Rollout runs an unhardened pod',
    manifests: (s) =>
      void s.add('14-rollout.yaml', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'inventory-checker-canary', namespace: s.deployment('app').metadata.namespace },
        spec: { template: { spec: { containers: [{ name: 'app', image: s.container('app').image }] } } },
      }),
  },
  S13: { fault: 'the app pod says runAsUser: 0 and every container overrides it', manifests: (s) => void (s.podSpec('app').securityContext.runAsUser = 0) },
  N1: { fault: 'the app Service selector has a typo', manifests: (s) => void (s.get('Service', 'inventory-checker-app').spec.selector = { app: 'inventory-checker-ap' }) },
  N2: {
    fault: 'an autoscaler for a Deployment that does not exist',
    manifests: (s) => {
      const hpa = structuredClone(s.get('HorizontalPodAutoscaler'));
      hpa.metadata.name = 'inventory-checker-worker';
      hpa.spec.scaleTargetRef.name = 'inventory-checker-worker';
      s.add('12-hpa.yaml', hpa);
    },
  },
  N3: { fault: 'the postgres exporter probes a port it does not declare', manifests: (s) => void (s.container('postgres-exporter').livenessProbe.httpGet.port = 9999) },
  N4: {
    fault: 'the dashboard ConfigMap is in another namespace',
    manifests: (s) => void (s.get('ConfigMap', 'inventory-checker-dashboard').metadata.namespace = 'monitoring'),
  },
};

/**
 * Checks that fire together with the injected one because the contract itself ties them: the
 * fault cannot be made without also breaking what the other check verifies. As small as
 * possible; every fault not listed here must fire its own check and nothing else.
 */
const CO_FIRING: Readonly<Record<string, readonly string[]>> = {
  // A Docker Hub reference (no registry host, or docker.io) can never lie below the cluster
  // registry or its mirror prefix, so the image that breaks A5 also breaks A6.
  A5: ['A6'],
  // The contract scrapes the app on its traffic port (prometheus.io/port: "8081"). An app that
  // does not declare 8081 leaves that annotation naming an undeclared port (G1); pointing the
  // annotation at another port would break C3 instead, as the scrape allow is for 8081.
  B1: ['G1'],
  // B3/B4 require the probes on 8082, and N3 requires a probe's port number to be declared by the
  // pod: a pod without a declared 8082 has probes on an undeclared port.
  B2: ['N3'],
  // F3 judges the four values of every container that sets any resources, and a missing value is
  // no t-shirt row; only a container that sets no resources at all is left to F1/F2.
  F1: ['F3'],
  F2: ['F3'],
};

function reviewWith(fault: Fault | undefined): ReviewReport {
  const set = ManifestSet.golden();
  fault?.manifests?.(set);
  return review({ ...cleanInputs(), ...fault?.inputs?.(), manifests: set.manifests() });
}

const firedIds = (report: ReviewReport): string[] => [...new Set(report.findings.map((f) => f.id))].sort();

describe('fault injection on the sealed Inventory Checker', () => {
  it('passes untouched, with clean inputs, with zero findings', () => {
    const report = review({ ...cleanInputs(), manifests: ManifestSet.golden().manifests() });
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
    // The clean inputs are really read: every input check passed something, none was skipped.
    const ran = (id: string) => report.summary.find((s) => s.id === id)!.passed;
    for (const check of CATALOGUE.filter((c) => c.input !== undefined && c.input !== 'manifests')) {
      expect({ id: check.id, passed: ran(check.id) > 0 }).toEqual({ id: check.id, passed: true });
    }
  });

  it('has a fault for every check of the catalogue, and no fault or co-firing for an unknown id', () => {
    const ids = CATALOGUE.map((c) => c.id);
    expect(Object.keys(FAULTS).sort()).toEqual([...ids].sort());
    for (const [id, others] of Object.entries(CO_FIRING)) {
      expect(ids).toContain(id);
      for (const other of others) expect({ id, other, known: ids.includes(other) && other !== id }).toEqual({ id, other, known: true });
    }
  });

  it.each(CATALOGUE.map((check) => [check.id, FAULTS[check.id]?.fault ?? '(no fault)', check] as const))('%s fires on its fault: %s', (id, _fault, check) => {
    const report = reviewWith(FAULTS[id]);
    const own = report.findings.filter((f) => f.id === id);
    expect(own.length).toBeGreaterThan(0);
    for (const finding of own) {
      expect(finding.severity).toBe(check.severity);
      expect(finding.message).toMatch(/\S/);
      expect(finding.file).toBeDefined();
    }
    // Every finding carries the severity of its own check, and the set of ids is exactly the
    // injected one plus its documented co-firings.
    for (const finding of report.findings) expect(finding.severity).toBe(checkById(finding.id)?.severity);
    expect(firedIds(report)).toEqual([id, ...(CO_FIRING[id] ?? [])].sort());
    expect(report.passed).toBe(check.severity !== 'CRITICAL');
  });
});
