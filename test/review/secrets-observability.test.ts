import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import type { Check } from '../../src/review/check';
import { OBSERVABILITY_CHECKS } from '../../src/review/checks/observability';
import { findFileLogging, SOURCE_LIMITS } from '../../src/review/checks/observability-file-logging';
import { SECRET_CHECKS } from '../../src/review/checks/secrets';
import { reviewScan } from '../../src/review/checks/secrets-scan';
import { ReviewContext, type LogLine, type ReviewInputs } from '../../src/review/context';
import { review } from '../../src/review/engine';
import { readSealingKeyFile, sealingKeyModulusBytes } from '../../src/seal';
import { ROOT, vibe } from '../helpers/cli';
import { manifestsOf, render, tempDir, WEB_APP } from '../helpers/render';

/** Counts the scanner's calls, to hold the review to one call for all its texts. */
const mockScanCalls: number[] = [];
jest.mock('../../src/review/secrets/scanner', () => {
  const actual = jest.requireActual('../../src/review/secrets/scanner');
  return {
    ...actual,
    beginScanTexts: (texts: readonly unknown[], options?: unknown) => {
      mockScanCalls.push(texts.length);
      return actual.beginScanTexts(texts, options);
    },
  };
});

const cluster = clusterConfigSchema.parse({});
const CHECKS: readonly Check[] = [...SECRET_CHECKS, ...OBSERVABILITY_CHECKS];
const byId = (id: string): Check => CHECKS.find((c) => c.id === id)!;

function contextOf(inputs: Partial<ReviewInputs> & { yaml?: string }): ReviewContext {
  const manifests = inputs.yaml ? parseManifests(inputs.yaml, 'k8s/test.yaml') : (inputs.manifests ?? []);
  return new ReviewContext({ ...inputs, manifests, cluster });
}

function failures(check: Check | string, context: ReviewContext) {
  return (typeof check === 'string' ? byId(check) : check).run(context).filter((r) => r.status === 'fail');
}

function logLines(text: string, source = 'app.log'): LogLine[] {
  return text.split('\n').flatMap((line, i) => (line ? [{ source, line: i + 1, text: line }] : []));
}

const deployment = (env: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  selector: { matchLabels: { app: shop-app } }
  template:
    metadata:
      labels: { app: shop-app }${extra}
    spec:
      containers:
        - name: app
          image: harbor.internal.example.com/shop:0123abc
          ports: [{ containerPort: 8081 }]
          env:
${env}
`;

describe('our own output', () => {
  const variants = {
    'postgres + redis': { postgres: true, redis: true },
    'mongo + rabbitmq': { mongo: true, rabbitmq: true },
    'mgmtSidecar + redis': { mgmtSidecar: true, redis: true, nginx: false },
    'web app only': { nginx: true },
  };

  it.each(Object.entries(variants))('passes every E and G check but E4 before sealing: %s', (_name, components) => {
    const context = contextOf({ manifests: manifestsOf(render({ ...WEB_APP, components })) });
    for (const check of CHECKS.filter((c) => c.id !== 'E4')) expect([check.id, failures(check, context).map((f) => f.message)]).toEqual([check.id, []]);
  });

  it('fails E4 on the REPLACE_ME stubs, and only there, until the credentials are sealed', () => {
    const context = contextOf({ manifests: manifestsOf(render({ ...WEB_APP, components: { postgres: true, redis: true } })) });
    const found = failures('E4', context);
    expect(found.map((f) => `${f.object?.kind}/${f.object?.name}`)).toEqual(['SealedSecret/inventory-checker-secrets']);
    expect(found[0].message).toMatch(/^Placeholder REPLACE_ME left in SealedSecret\/inventory-checker-secrets .*DATABASE_URL.*vibe seal --app main\.ts --cert sealed-secrets-cert\.pem --generate \(answers in vibe\.yaml: --values vibe\.yaml/);
  });

  it('passes E and G for the sealed example, E4 and E7 included, against its RSA 4096 certificate', () => {
    const out = tempDir('vibe-eg-');
    const result = vibe(['synth', '--values', 'examples/inventory-checker/values.yaml', '--out', out], { cwd: ROOT });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const keyBytes = sealingKeyModulusBytes(readSealingKeyFile(path.join(ROOT, 'examples', 'inventory-checker', 'sealed-secrets-cert.pem')));
    expect(keyBytes).toBe(512);
    const manifests = fs
      .readdirSync(out)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .flatMap((name) => parseManifests(fs.readFileSync(path.join(out, name), 'utf8'), name));
    const context = contextOf({ manifests, sealingKeyBytes: keyBytes });
    expect(context.ofKind('SealedSecret')).toHaveLength(1);
    for (const check of CHECKS) expect([check.id, failures(check, context).map((f) => f.message)]).toEqual([check.id, []]);
    expect(byId('E7').run(context).map((r) => r.status)).toEqual(['pass']);
    // The same ciphertext reviewed for a cluster with a 2048-bit key was sealed for someone else.
    const elsewhere = contextOf({ manifests, sealingKeyBytes: 256 });
    expect(failures('E7', elsewhere)[0].message).toMatch(/sealed with a 4096-bit key, but this cluster's controller uses a 2048-bit key/);
  });

  it('passes E and G for the golden sealed set too', () => {
    const dir = path.join(ROOT, 'test', 'golden', 'inventory-checker');
    const manifests = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .flatMap((name) => parseManifests(fs.readFileSync(path.join(dir, name), 'utf8'), name));
    const context = contextOf({ manifests, sealingKeyBytes: 512 });
    for (const check of CHECKS) expect([check.id, failures(check, context).map((f) => f.message)]).toEqual([check.id, []]);
  });
});

describe('one scanner call per review', () => {
  it('starts the scan before the first check runs, so secretlint works while the other checks do', () => {
    const manifests = manifestsOf(render({ ...WEB_APP, components: { postgres: true } }));
    const order: string[] = [];
    const first: Check = { id: 'X1', slug: 'first', scope: {}, group: 'A', title: 'first', severity: 'WARNING', verifies: '-', fix: '-', run: () => (order.push(`run X1 after ${mockScanCalls.length} scan(s)`), []) };
    mockScanCalls.length = 0;
    review({ manifests, cluster }, [first, ...SECRET_CHECKS]);
    expect(order).toEqual(['run X1 after 1 scan(s)']);
    expect(mockScanCalls).toHaveLength(1);
  });

  it('scans ConfigMaps, env values, Dockerfiles and logs of a whole review in one call', () => {
    const manifests = manifestsOf(render({ ...WEB_APP, components: { postgres: true, redis: true } }));
    mockScanCalls.length = 0;
    const report = review({
      manifests,
      cluster,
      dockerfiles: [{ file: 'Dockerfile', text: 'FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/node:22-slim\nENV NODE_ENV=production\n' }],
      logs: logLines('{"time":"2026-01-01T10:00:00Z","level":"info","msg":"started"}\n{"time":"2026-01-01T10:00:01Z","level":"info","msg":"mail to jane.doe@example.com"}'),
    }, CHECKS);
    expect(mockScanCalls).toHaveLength(1);
    expect(mockScanCalls[0]).toBeGreaterThan(10);
    expect(report.findings.map((f) => f.id)).toEqual(['E4', 'G6']);
  });

  it('keeps the scan on the context for every check that asks', () => {
    mockScanCalls.length = 0;
    const context = contextOf({ yaml: deployment('            - { name: GREETING, value: hello }') });
    expect(reviewScan(context)).toBe(reviewScan(context));
    expect(mockScanCalls).toHaveLength(1);
  });
});

describe('E1–E7 decisions', () => {
  it('E1 names the file and the object, in the article\'s words', () => {
    const context = contextOf({ manifests: parseManifests('apiVersion: v1\nkind: Secret\nmetadata: { name: db, namespace: shop }\nstringData: { PASSWORD: x }\n', 'k8s/02-secrets.yaml') });
    const [finding] = failures('E1', context);
    expect(finding.message).toMatch(/^Plain Secret "db" found in k8s\/02-secrets\.yaml — replace with SealedSecret\./);
    expect(finding.object?.kind).toBe('Secret');
  });

  it('E2 never quotes the credential it found', () => {
    const context = contextOf({ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  cfg: "password=hunter2hunter2"\n  DB_PASSWORD: s3cr3t-value\n' });
    const [finding] = failures('E2', context);
    expect(finding.message).toMatch(/cfg \(password field\) and DB_PASSWORD \(a credential by its name\)/);
    expect(finding.message).not.toMatch(/hunter2|s3cr3t/);
  });

  it('E2 leaves personal data in a ConfigMap to the people who own it (not a credential)', () => {
    const context = contextOf({ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  SUPPORT_EMAIL: help@example.com\n' });
    expect(failures('E2', context)).toEqual([]);
  });

  it('E3 is not applicable without a Dockerfile', () => {
    expect(byId('E3').run(contextOf({}))).toEqual([]);
  });

  it('E4 finds placeholders as tokens in any case, not the word "replace" in prose', () => {
    const env = (value: string) => contextOf({ yaml: deployment(`            - { name: X, value: "${value}" }`) });
    for (const value of ['REPLACE_ME', 'replace-me', 'ChangeMe', 'changeme', '<CHANGE_ME>', 'https://x/CHANGE_ME/y']) expect([value, failures('E4', env(value)).length]).toEqual([value, 1]);
    for (const value of ['Replace this with a message', 'replace me', 'changemelog', 'REPLACEMENT', 'CHANGE_MEMBER']) expect([value, failures('E4', env(value)).length]).toEqual([value, 0]);
  });

  it('E5 fails an empty plain value and a ConfigMap reference, accepts $(VAR) compositions and non-credential names', () => {
    const e5 = (env: string) => failures('E5', contextOf({ yaml: deployment(env) })).map((f) => f.message);
    expect(e5('            - { name: DB_PASSWORD, value: "" }')).toEqual([expect.stringMatching(/DB_PASSWORD is set to an empty plain value/)]);
    expect(e5('            - name: API_TOKEN')).toEqual([expect.stringMatching(/API_TOKEN is set to an empty plain value/)]);
    expect(e5('            - { name: API_KEY, valueFrom: { configMapKeyRef: { name: c, key: k } } }')).toEqual([expect.stringMatching(/API_KEY comes from ConfigMap "c"/)]);
    expect(e5('            - { name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: s, key: k } } }\n            - { name: DATABASE_URL, value: "postgres://app:$(DB_PASSWORD)@db:5432/app" }')).toEqual([]);
    expect(e5('            - { name: AUTH_ENABLED, value: "true" }\n            - { name: DB_PASSWORD_FILE, value: /run/secrets/db }\n            - { name: SECRET_NAME, value: s }')).toEqual([]);
  });

  it('E5 suggests the set\'s sealed secret and never repeats the value', () => {
    const yaml = `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: shop-secrets, namespace: platform-vibe-shop }\nspec: { encryptedData: {} }\n---${deployment('            - { name: DB_PASSWORD, value: sup3r-s3cret }')}`;
    const [finding] = failures('E5', contextOf({ yaml }));
    expect(finding.message).toMatch(/secretKeyRef: \{ name: shop-secrets, key: DB_PASSWORD \}/);
    expect(finding.message).toMatch(/--namespace platform-vibe-shop --name shop-secrets --from-env DB_PASSWORD/);
    expect(finding.message).not.toMatch(/sup3r/);
  });

  it('E6 judges the namespace by the workloads that use the Secret, through env, envFrom and volumes', () => {
    const sealed = (ns: string) => `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: s, namespace: ${ns} }\nspec: { encryptedData: {} }\n`;
    const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: team-a }\nspec:\n  containers: [{ name: c, image: x:1 }]\n  volumes: [{ name: v, secret: { secretName: s } }]\n';
    expect(failures('E6', contextOf({ yaml: sealed('team-a') + pod }))).toEqual([]);
    expect(failures('E6', contextOf({ yaml: sealed('team-b') + pod }))[0].message).toMatch(/is in namespace "team-b", but Pod\/p, which uses it, runs in "team-a"/);
  });

  it('E7 leaves REPLACE_ME to E4 and is not applicable without SealedSecrets', () => {
    expect(failures('E7', contextOf({ yaml: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: s }\nspec: { encryptedData: { A: REPLACE_ME } }\n' }))).toEqual([]);
    expect(byId('E7').run(contextOf({}))).toEqual([]);
  });
});

describe('G1–G6 decisions', () => {
  it('G1 asks the app and exporters only, not a Job, a database or the proxy', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: migrate }\nspec: { template: { spec: { containers: [{ name: m, image: harbor.internal.example.com/shop:1234567 }] } } }\n';
    expect(byId('G1').run(contextOf({ yaml: job }))).toEqual([]);
    const annotated = deployment('            - { name: A, value: b }', '\n      annotations: { prometheus.io/scrape: "true", prometheus.io/port: "8081", prometheus.io/path: /metrics }');
    expect(byId('G1').run(contextOf({ yaml: annotated })).map((r) => r.status)).toEqual(['pass']);
    expect(failures('G1', contextOf({ yaml: deployment('            - { name: A, value: b }') }))[0].message).toMatch(/^Deployment\/shop-app: no prometheus\.io\/scrape.*app won't appear in Grafana/);
  });

  it('G2 fails a status other than 200 and accepts a body without a content type when it is in the text format', () => {
    const body = '# TYPE up gauge\nup 1\n';
    expect(failures('G2', contextOf({ metrics: [{ source: 'http://shop:8081/metrics', status: 503, body }] }))[0].message).toMatch(/answered HTTP 503 instead of 200/);
    expect(failures('G2', contextOf({ metrics: [{ source: 'http://shop:8081/metrics', body }] }))).toEqual([]);
    expect(byId('G2').run(contextOf({}))).toEqual([]);
  });

  it('G3 names the first few bad lines out of 10,000, not all of them', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => ({ source: 'shop/app-7d9', line: i + 1, text: i % 2 ? `plain line ${i}` : '{"time":"2026-01-01T10:00:00Z","level":"info","msg":"ok"}' }));
    const [finding] = failures('G3', contextOf({ logs: lines }));
    expect(finding.message).toMatch(/5,000 of 10,000 lines are not a JSON object \(lines 2, 4, 6, 8, 10, …\)/);
    expect(finding.message!.length).toBeLessThan(600);
    expect(finding.location).toEqual({ file: 'shop/app-7d9', line: 2 });
  });

  it('G3, G5 and G6 are not applicable without a log sample', () => {
    for (const id of ['G3', 'G5', 'G6']) expect([id, byId(id).run(contextOf({}))]).toEqual([id, []]);
  });

  it('G4 skips dependencies, build output, prose, comments and binary files, and stops at its limits', () => {
    const dir = tempDir('vibe-g4-');
    const write = (file: string, text: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('node_modules/winston/lib/winston/transports/file.js', 'module.exports = transports.File;');
    write('dist/bundle.js', 'new winston.transports.File({ filename: "x.log" })');
    write('README.md', 'Do not use a FileHandler.');
    write('app/main.py', '# a FileHandler would be wrong here\nimport logging\nlogging.basicConfig(stream=sys.stdout)\n');
    write('app/blob.js', Buffer.from('transports.File\u0000\u0000'));
    expect(findFileLogging(dir).findings).toEqual([]);
    write('app/logger.py', 'import logging\nh = logging.FileHandler("app.log")\n');
    expect(findFileLogging(dir).findings.map((f) => `${f.relative}:${f.line}`)).toEqual(['app/logger.py:2']);
    expect(findFileLogging(dir).truncated).toBe(false);
    const limited = findFileLogging(dir, { ...SOURCE_LIMITS, files: 1 });
    expect(limited.filesRead).toBe(1);
    expect(limited.truncated).toBe(true);
    const check = byId('G4').run(contextOf({ sourceDir: dir }));
    expect(check.map((r) => [r.status, r.location?.line])).toEqual([['fail', 2]]);
    expect(check[0].message).toMatch(/logger\.py line 2: a logging FileHandler — file-based logging is prohibited/);
  });

  it('G4 reads the app\'s manifests too, and not the platform components\' scratch folders', () => {
    const rabbit = manifestsOf(render({ ...WEB_APP, components: { rabbitmq: true } }));
    expect(rabbit.some((m) => JSON.stringify(m.object).includes('/var/log/rabbitmq'))).toBe(true);
    expect(failures('G4', contextOf({ manifests: rabbit }))).toEqual([]);
  });

  it('G5 reports the aliases it recognises with the rename to make', () => {
    const [finding] = failures('G5', contextOf({ logs: logLines('{"timestamp":"2026-01-01T10:00:00Z","level":"info","message":"x"}') }));
    expect(finding.message).toMatch(/"timestamp" instead of "time", "message" instead of "msg"/);
    expect(byId('G5').severity).toBe('WARNING');
  });

  it('G6 reports a security incident with source, line and pattern, never the value', () => {
    const secret = 'hunter2hunter2';
    const logs = logLines([
      '{"time":"2026-01-01T10:00:00Z","level":"info","msg":"ok"}',
      `{"time":"2026-01-01T10:00:01Z","level":"debug","msg":"login","password":"${secret}"}`,
      `{"time":"2026-01-01T10:00:02Z","level":"debug","msg":"login","password":"${secret}"}`,
      '{"time":"2026-01-01T10:00:03Z","level":"info","msg":"paid with 4111-1111-1111-1111"}',
    ].join('\n'), 'platform-vibe-shop/shop-app-7d9');
    const found = failures('G6', contextOf({ logs }));
    expect(found.map((f) => f.message!.slice(0, f.message!.indexOf(' —')))).toEqual(['SECURITY INCIDENT: password field in the logs', 'SECURITY INCIDENT: card number in the logs']);
    expect(found[0].message).toMatch(/platform-vibe-shop\/shop-app-7d9 line 2 \(and 1 more line: 3\), pattern "password-field"/);
    expect(found[0].location).toEqual({ file: 'platform-vibe-shop/shop-app-7d9', line: 2 });
    for (const f of found) expect(f.message).not.toMatch(/hunter2|4111/);
    expect(byId('G6').severity).toBe('CRITICAL');
  });

  it('G6 reports known secret formats through secretlint, and passes a clean sample', () => {
    // Made at run time, so no file of the repository holds a token-shaped string.
    const token = `ghp_${'A1b2C3d4E5f6G7h8I9j0'.repeat(2).slice(0, 36)}`;
    const logs = logLines(`{"time":"2026-01-01T10:00:00Z","level":"debug","msg":"cloning with ${token}"}`);
    const [finding] = failures('G6', contextOf({ logs }));
    expect(finding.message).toMatch(/^SECURITY INCIDENT: GitHub token in the logs — app\.log line 1, pattern "@secretlint\/secretlint-rule-github"\. Treat it as leaked: rotate it now/);
    expect(finding.message).not.toContain(token.slice(4, 12));
    const clean = logLines('{"time":"2026-01-01T10:00:00Z","level":"info","msg":"order ord-123 created","ts_ms":1735725601000}');
    expect(byId('G6').run(contextOf({ logs: clean })).map((r) => r.status)).toEqual(['pass']);
  });
});
