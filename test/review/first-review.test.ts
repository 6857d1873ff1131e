import * as fs from 'node:fs';
import * as path from 'node:path';
import { vibeCodedInventoryChecker } from './first-review-set';
import { APP_NAME, EXAMPLE_CERT, GOLDEN_DIR, ManifestSet } from './golden-set';
import { checkById } from '../../src/review/catalogue';
import { DEFAULTS_LINE, STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * The article's "typical first review on a vibe-coded app": the sealed Inventory Checker with
 * exactly its six faults (image tag :latest, the app running as root, no default-deny-ingress, a
 * plain kind: Secret, no prometheus.io/scrape annotation, plaintext logs), reviewed by the CLI.
 * The report must list exactly [A1] [A3] [C1] [E1] [G1] [G3] as CRITICAL, as the article does.
 */

const ARTICLE_CRITICAL = ['A1', 'A3', 'C1', 'E1', 'G1', 'G3'];

/** 6. Plaintext (non-JSON) logs, as the app printed them. */
const PLAINTEXT_LOG = ['Server listening on port 8081', 'GET /items 200 12ms', 'Low stock: 3 items below threshold', ''].join('\n');
const JSON_LOG = [
  '{"time":"2026-01-01T10:00:00Z","level":"info","msg":"listening on 8081"}',
  '{"time":"2026-01-01T10:00:01Z","level":"info","msg":"GET /items 200"}',
  '',
].join('\n');

function reviewFolder(manifests: string, log: string) {
  const logFile = path.join(tempDir('vibe-log-'), 'sample.log');
  fs.writeFileSync(logFile, log);
  return vibe(['review', manifests, '--logs', logFile, '--cert', EXAMPLE_CERT, '--app-name', APP_NAME]);
}

/** The `[ID]` lines of one section of the text report. */
function section(lines: readonly string[], heading: string): string[] {
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}
const idOf = (line: string) => /^ {2}\[([A-Z]\d+)\] \S/.exec(line)?.[1];

describe("the article's typical first review", () => {
  it('reports exactly the six CRITICAL findings of the article, exit 1', () => {
    const result = reviewFolder(vibeCodedInventoryChecker().write(path.join(tempDir('vibe-first-'), 'k8s')), PLAINTEXT_LOG);
    expect(result.stderr).toBe('');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.status).toBe(1);

    const [settings, ...lines] = result.stdout.trimEnd().split('\n');
    expect(settings).toBe(DEFAULTS_LINE);
    const findings = lines.filter((line) => idOf(line) !== undefined);
    expect(lines[0]).toBe(`⚠️  Found ${findings.length} issues in "${APP_NAME}". Fix these before deploying:`);
    expect(lines[lines.length - 1]).toBe('Run vibe review again after fixing.');

    const critical = section(lines, 'CRITICAL (must fix):');
    // Exactly the article's six, in its order, one line each: no consequence of a fault (S4, C7,
    // E5…) fires as a CRITICAL of its own.
    expect(critical.map(idOf)).toEqual(ARTICLE_CRITICAL);
    // Warnings are allowed (the article shows two); whatever is listed there is a WARNING check.
    for (const id of section(lines, 'WARNING (strongly recommended):').map(idOf)) expect(checkById(id!)?.severity).toBe('WARNING');
    expect(findings.length).toBe(critical.length + section(lines, 'WARNING (strongly recommended):').length);

    // The article's wording where the finding speaks for itself.
    expect(critical[0]).toMatch(/^ {2}\[A1\] .*image tag is ':latest' — use the commit SHA/);
    expect(critical[1]).toMatch(/^ {2}\[A3\] .*run as root/);
    expect(critical[2]).toMatch(/^ {2}\[C1\] .*default-deny-ingress.*01-network-policies\.yaml/);
    expect(critical[3]).toMatch(/^ {2}\[E1\] Plain Secret .*k8s\/02-secrets\.yaml — replace with SealedSecret/);
    expect(critical[4]).toMatch(/^ {2}\[G1\] .*no prometheus\.io\/scrape annotation on pod — app won't appear in Grafana/);
    expect(critical[5]).toMatch(/^ {2}\[G3\] App logs are plaintext \(not JSON\) — Loki can't parse them/);
    // The plain values never reach the report.
    expect(result.stdout).not.toMatch(/s3cret-pw|r3dis-pw/);
  });

  it('passes the untouched example with exit 0 and the success line', () => {
    for (const folder of [GOLDEN_DIR, ManifestSet.golden().write(path.join(tempDir('vibe-clean-'), 'k8s'))]) {
      const result = reviewFolder(folder, JSON_LOG);
      expect({ folder, stderr: result.stderr, stdout: result.stdout, status: result.status }).toEqual({
        folder,
        stderr: '',
        stdout: `${DEFAULTS_LINE}\n✅ App "${APP_NAME}" passed all platform contract checks. Ready to deploy.\n`,
        status: 0,
      });
    }
  });
});
