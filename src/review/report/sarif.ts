import * as path from 'node:path';
import type { Check } from '../check';
import type { AppsReport, ReviewReport } from '../finding';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0 for code scanning: one rule per check of the catalogue (so a fixed finding
 * closes its alert), results with the file relative to the working folder and the line.
 */
export function formatSarif(report: ReviewReport, catalogue: readonly Check[], version: string, cwd: string = process.cwd()): string {
  const ruleIndex = new Map(catalogue.map((check, index) => [check.id, index]));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vibe-env',
            version,
            informationUri: 'https://www.npmjs.com/package/vibe-env',
            rules: catalogue.map((check) => ({
              id: check.id,
              // The readable slug (`run-as-non-root`), so code scanning lists rules by what they check.
              name: check.slug,
              shortDescription: { text: check.title },
              fullDescription: { text: check.verifies },
              help: { text: check.fix },
              defaultConfiguration: { level: check.severity === 'CRITICAL' ? 'error' : 'warning' },
              properties: { group: check.group, severity: check.severity, tags: ['kubernetes', 'vibe-env'] },
            })),
          },
        },
        results: report.findings.map((finding) => ({
          ruleId: finding.id,
          ...(ruleIndex.has(finding.id) ? { ruleIndex: ruleIndex.get(finding.id) } : {}),
          level: finding.severity === 'CRITICAL' ? 'error' : 'warning',
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(finding.file, cwd) },
                region: { startLine: Math.max(1, finding.line ?? 1) },
              },
              ...(finding.kind ? { logicalLocations: [{ name: `${finding.kind}/${finding.name}`, kind: 'resource' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A review of many apps as one SARIF run: the findings of every app (each names its file). */
export function formatAppsSarif(report: AppsReport, catalogue: readonly Check[], version: string, cwd: string = process.cwd()): string {
  if (report.apps.length === 1) return formatSarif(report.apps[0], catalogue, version, cwd);
  const findings = report.apps.flatMap((app) => app.findings);
  return formatSarif({ app: report.apps.map((app) => app.app).join(', '), passed: report.passed, findings, summary: [] }, catalogue, version, cwd);
}

/** Code scanning wants repository-relative paths with forward slashes. */
function uriOf(file: string | undefined, cwd: string): string {
  if (!file || file === '<stdin>') return 'stdin';
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  // A uri-reference: each segment percent-encoded (spaces, non-ASCII), separators kept.
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}
