/**
 * No output ever repeats a detected value: unique fake credentials are planted in every place a
 * value can leak (a ConfigMap, a plain env value, a Dockerfile ENV/ARG, a log line, the answers'
 * env), and every output format is searched for them: the text, JSON and SARIF reports (in process
 * and from the CLI) and the answers' error message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { Fakes, ruleSamples } from './fake-credentials';
import { AppModel, VibeInputError } from '../../../src';
import { clusterConfigSchema } from '../../../src/contract/cluster-config';
import { parseManifests } from '../../../src/manifests/parse-manifests';
import { CATALOGUE } from '../../../src/review/catalogue';
import { review } from '../../../src/review/engine';
import { formatJson } from '../../../src/review/report/json';
import { formatSarif } from '../../../src/review/report/sarif';
import { formatText } from '../../../src/review/report/text';
import { vibe } from '../../helpers/cli';
import { tempDir } from '../../helpers/render';

const cluster = clusterConfigSchema.parse({});

/** A value's pieces an output could leak: the whole, and every 12-character window (a value cut or wrapped). */
function leaks(output: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const flat = secret.replace(/\s+/g, '');
    for (let i = 0; i + 12 <= flat.length; i += 6) {
      if (output.includes(flat.slice(i, i + 12))) {
        found.push(`${secret.slice(0, 4)}… (window ${i})`);
        break;
      }
    }
  }
  return found;
}

/** One planted set: a credential of each format, a password and a random key under their names. */
function planted(seed: number) {
  const f = new Fakes(seed);
  const samples = Object.values(ruleSamples(f)).map((s) => s.hit);
  const password = `pw-${f.chars('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 18)}`;
  return { samples, password, secrets: [...samples.map((s) => s.value), password] };
}

function yamlOf({ samples, password }: ReturnType<typeof planted>): string {
  const quoted = (value: string) => JSON.stringify(value);
  const data = samples.map((s, i) => `  ${s.name}_${i}: ${quoted(s.value)}`).join('\n');
  const env = samples.map((s, i) => `            - name: ${s.name}_${i}\n              value: ${quoted(s.value)}`).join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config, namespace: platform-vibe-shop }
data:
  DB_PASS: ${quoted(password)}
${data}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: platform-vibe-shop }
spec:
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
        - name: app
          image: harbor.internal.example.com/shop/app@sha256:${'a'.repeat(64)}
          env:
            - name: SMTP_PASS
              value: ${quoted(password)}
${env}
`;
}

function dockerfileOf({ samples, password }: ReturnType<typeof planted>): string {
  return ['FROM node:22', `ARG ADMIN_PW=${password}`, ...samples.filter((s) => !s.value.includes('\n')).map((s, i) => `ENV ${s.name}_${i}=${JSON.stringify(s.value)}`), 'CMD ["node", "main.js"]', ''].join('\n');
}

function logsOf({ samples, password }: ReturnType<typeof planted>): string {
  return [
    `{"level":"info","msg":"login","password":"${password}"}`,
    ...samples.map((s) => `{"level":"error","msg":"upstream refused ${s.name.toLowerCase()}=${s.value.split('\n').join('\\n')}"}`),
    '',
  ].join('\n');
}

describe('no output repeats a detected value', () => {
  it('holds for the text, JSON and SARIF reports of a review that finds them all (property over planted values)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const set = planted(seed);
        const report = review({
          manifests: parseManifests(yamlOf(set), 'k8s/app.yaml'),
          cluster,
          dockerfiles: [{ file: 'Dockerfile', text: dockerfileOf(set) }],
          logs: logsOf(set).split('\n').map((text, i) => ({ source: 'app.log', line: i + 1, text })),
        });
        // The planted values are found (E2, E3, E5, G6), so the reports do talk about them.
        for (const id of ['E2', 'E3', 'E5', 'G6']) expect(report.findings.some((f) => f.id === id)).toBe(true);
        const outputs = [formatText(report), formatJson(report), formatSarif(report, CATALOGUE, '0.0.0-test')];
        for (const output of outputs) expect(leaks(output, set.secrets)).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it('holds for the answers: the env is refused field by field, with no value in the message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const set = planted(seed);
        const env = Object.fromEntries([['DB_PASS', set.password], ...set.samples.map((s, i) => [`${s.name}_${i}`, s.value])]);
        let message = '';
        try {
          AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, env }, {});
        } catch (error) {
          if (!(error instanceof VibeInputError)) throw error;
          message = error.message;
          expect(error.problems.map((p) => p.field).sort()).toEqual(Object.keys(env).map((k) => `env.${k}`).sort());
        }
        expect(message).toMatch(/vibe seal/);
        expect(leaks(message, set.secrets)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  it('holds for vibe review on files, in every --format', () => {
    const set = planted(2026);
    const dir = tempDir('vibe-no-echo-');
    fs.writeFileSync(path.join(dir, 'app.yaml'), yamlOf(set));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfileOf(set));
    fs.writeFileSync(path.join(dir, 'app.log'), logsOf(set));
    for (const format of ['text', 'json', 'sarif']) {
      const result = vibe(['review', path.join(dir, 'app.yaml'), '--dockerfile', path.join(dir, 'Dockerfile'), '--logs', path.join(dir, 'app.log'), '--format', format]);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/E2|no-credentials-in-configmaps/);
      expect(leaks(result.stdout + result.stderr, set.secrets)).toEqual([]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
