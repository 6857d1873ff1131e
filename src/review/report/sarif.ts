import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { STDIN_NAME } from '../../manifests/load-manifests';
import type { Check, Severity } from '../check';
import { CHECK_GROUPS } from '../check';
import { checkAnchor, checkDocsUrl, CHECK_DOCS_PATH } from '../check-docs';
import type { AppsReport, Finding, ReviewReport } from '../finding';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * GitHub code scanning shows a result as a security alert, ranked by this score (0–10), when its
 * rule has `security-severity` and the `security` tag: 9.0 and up is "critical", 4.0–6.9 "medium".
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { CRITICAL: '9.0', WARNING: '5.0' };

/** The partialFingerprints key of a result (versioned: a new recipe must not match old alerts). */
export const FINGERPRINT_KEY = 'vibeFindingHash/v1';

/** The artifact URI of manifests read from stdin when `--stdin-name` gave them no path. */
export const STDIN_URI = 'stdin';

export interface SarifOptions {
  /** Folder the artifact URIs are relative to: the repository root. @default - `cwd` */
  readonly root?: string;
  /** Folder relative finding paths are relative to. @default process.cwd() */
  readonly cwd?: string;
  /** Where vibe-env's repository files are published, for the links to docs/checks.md. @default - no links */
  readonly docsBase?: string;
  /** The tool's home page (`informationUri`). @default - none */
  readonly informationUri?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check of the catalogue (so a fixed finding
 * closes its alert) with a security severity, tags, help and a link to the check's docs;
 * results with repository-relative paths, the line, and a fingerprint that survives line moves.
 */
export function formatSarif(report: ReviewReport, catalogue: readonly Check[], version: string, options: SarifOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const root = path.resolve(cwd, options.root ?? cwd);
  const ruleIndex = new Map(catalogue.map((check, index) => [check.id, index]));
  const artifacts = new ArtifactTable();
  const fingerprints = new FingerprintCounter(root);
  const results = report.findings.map((finding) => {
    const artifact = artifacts.locationOf(finding.file, root, cwd);
    return {
      ruleId: finding.id,
      ...(ruleIndex.has(finding.id) ? { ruleIndex: ruleIndex.get(finding.id) } : {}),
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: { artifactLocation: artifact, region: { startLine: Math.max(1, finding.line ?? 1) } },
          ...(finding.kind ? { logicalLocations: [{ name: objectName(finding), kind: 'resource' }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next(finding, artifact.uri) },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vibe-env',
            version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: catalogue.map((check) => ruleOf(check, options.docsBase)),
          },
        },
        artifacts: artifacts.entries(),
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A review of many apps as one SARIF run: the findings of every app (each names its file). */
export function formatAppsSarif(report: AppsReport, catalogue: readonly Check[], version: string, options: SarifOptions = {}): string {
  if (report.apps.length === 1) return formatSarif(report.apps[0], catalogue, version, options);
  const findings = report.apps.flatMap((app) => app.findings);
  return formatSarif({ app: report.apps.map((app) => app.app).join(', '), passed: report.passed, findings, summary: [] }, catalogue, version, options);
}

function ruleOf(check: Check, docsBase: string | undefined) {
  const url = checkDocsUrl(check, docsBase);
  const where = `${check.id} ${check.slug} in vibe-env's ${CHECK_DOCS_PATH}`;
  return {
    id: check.id,
    // The readable slug (`run-as-non-root`), so code scanning lists rules by what they check.
    name: check.slug,
    shortDescription: { text: check.title },
    fullDescription: { text: check.verifies },
    help: {
      text: `${check.fix}\n\nWhat it verifies: ${check.verifies}\nDocs: ${url ?? `${where} (#${checkAnchor(check)}), or run: npx vibe checks`}`,
      markdown: [
        `**How to fix:** ${check.fix}`,
        '',
        `**What it verifies:** ${check.verifies}`,
        '',
        url ? `[${where}](${url})` : `${where} (anchor \`#${checkAnchor(check)}\`), or run \`npx vibe checks\`.`,
      ].join('\n'),
    },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: levelOf(check.severity) },
    properties: {
      'tags': ['security', 'kubernetes', tagOf(CHECK_GROUPS[check.group])],
      'security-severity': SECURITY_SEVERITY[check.severity],
      'precision': 'high',
      'group': check.group,
      'severity': check.severity,
    },
  };
}

function levelOf(severity: Severity): 'error' | 'warning' {
  return severity === 'CRITICAL' ? 'error' : 'warning';
}

/** `Metrics & logging` → `metrics-logging`: a tag code scanning can filter on. */
function tagOf(groupName: string): string {
  return groupName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function objectName(finding: Finding): string {
  return `${finding.kind}/${finding.namespace ? `${finding.namespace}/` : ''}${finding.name}`;
}

interface ArtifactLocation {
  readonly uri: string;
  readonly index: number;
}

/** The run's `artifacts`: each file once (stdin too, described), results point at them by index. */
class ArtifactTable {
  private readonly byUri = new Map<string, { index: number; stdin: boolean }>();

  locationOf(file: string | undefined, root: string, cwd: string): ArtifactLocation {
    const stdin = !file || file === STDIN_NAME;
    const uri = stdin ? STDIN_URI : uriOf(file, root, cwd);
    let entry = this.byUri.get(uri);
    if (!entry) {
      entry = { index: this.byUri.size, stdin };
      this.byUri.set(uri, entry);
    }
    return { uri, index: entry.index };
  }

  entries(): object[] {
    return [...this.byUri].map(([uri, { stdin }]) => ({
      location: { uri },
      ...(stdin ? { description: { text: 'The manifests read from standard input (vibe review -). Name them with --stdin-name <path>.' } } : {}),
      roles: ['analysisTarget'],
    }));
  }
}

/**
 * The artifact URI: relative to the repository root with forward slashes, each segment
 * percent-encoded. A file outside the root cannot be repository-relative: it gets an absolute
 * `file:` URI, never a `../` path.
 */
function uriOf(file: string, root: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(root, absolute);
  const outside = relative === '' || relative.split(path.sep)[0] === '..' || path.isAbsolute(relative);
  const segments = (outside ? absolute : relative).split(path.sep).filter((segment, index) => segment !== '' || index === 0);
  const encoded = segments.map(encodeURIComponent).join('/');
  return outside ? `file://${encoded.startsWith('/') ? '' : '/'}${encoded}` : encoded;
}

/**
 * partialFingerprints: a hash of what identifies a finding across runs (the check, the
 * repository-relative file, the object, the message), never the line (edits above it move it),
 * an absolute path or the finding's position in the report. Identical findings are numbered.
 */
class FingerprintCounter {
  private readonly seen = new Map<string, number>();

  constructor(private readonly root: string) {}

  next(finding: Finding, uri: string): string {
    // Messages name lines ("Dockerfile line 3") and may name files by absolute path: neither counts.
    const message = finding.message.split(`${this.root}${path.sep}`).join('').replace(/\bline \d+/g, 'line #');
    const identity = [finding.id, uri, finding.kind ?? '', finding.namespace ?? '', finding.name ?? '', message].join('\u0000');
    const occurrence = (this.seen.get(identity) ?? 0) + 1;
    this.seen.set(identity, occurrence);
    return `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}:${occurrence}`;
  }
}
