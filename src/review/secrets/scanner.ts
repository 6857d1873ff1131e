import { BUILTIN_PATTERNS, type SecretCategory } from './patterns';
import { beginSecretlintScan, startSecretScanner, workerFile } from './secretlint-client';
import type { WorkerHit } from './worker-protocol';

export { startSecretScanner, workerFile };

/** One text to scan, with the caller's id for it. */
export interface ScanText {
  readonly id: string;
  readonly text: string;
}

/**
 * A secret or a piece of personal data found in a text: which rule, and where. It never holds
 * the matched value; `masked` shows its first two characters at most.
 */
export interface SecretHit {
  /** The id of the text it was found in. */
  readonly id: string;
  /** `email`, `card-number`, `password-field`, `bearer-token`, `private-key`, `url-password`, or a secretlint rule id. */
  readonly rule: string;
  /** What was found, in plain words: "e-mail address", "GitHub token". */
  readonly name: string;
  readonly category: SecretCategory;
  /** `builtin` (this module's patterns) or `secretlint`. */
  readonly engine: 'builtin' | 'secretlint';
  /** 1-based line and column of the match in its text. */
  readonly line: number;
  readonly column: number;
  /** 0-based offset and length of the match in its text. */
  readonly offset: number;
  readonly length: number;
  /** The first two characters and an ellipsis (just the ellipsis for a value under 8 characters). */
  readonly masked: string;
}

export interface ScanOptions {
  /**
   * Also run secretlint's recommended rules (in a worker thread).
   * @default true
   */
  readonly secretlint?: boolean;
}

/** What secretlint's rules find, in plain words. */
const SECRETLINT_NAMES: Readonly<Record<string, string>> = {
  '@secretlint/secretlint-rule-1password': '1Password service account token',
  '@secretlint/secretlint-rule-anthropic': 'Anthropic API key',
  '@secretlint/secretlint-rule-aws': 'AWS credential',
  '@secretlint/secretlint-rule-azure': 'Azure credential',
  '@secretlint/secretlint-rule-basicauth': 'password in a URL',
  '@secretlint/secretlint-rule-database-connection-string': 'database connection string with a password',
  '@secretlint/secretlint-rule-gcp': 'GCP service account key',
  '@secretlint/secretlint-rule-github': 'GitHub token',
  '@secretlint/secretlint-rule-linear': 'Linear API key',
  '@secretlint/secretlint-rule-npm': 'npm token',
  '@secretlint/secretlint-rule-openai': 'OpenAI API key',
  '@secretlint/secretlint-rule-privatekey': 'private key',
  '@secretlint/secretlint-rule-sendgrid': 'SendGrid API key',
  '@secretlint/secretlint-rule-shopify': 'Shopify token',
  '@secretlint/secretlint-rule-slack': 'Slack token',
};

/** No secretlint rule matches fewer characters than this; shorter texts skip the worker. */
const SECRETLINT_MIN_CHARS = 8;
/** Posts the texts long enough for a secretlint rule to the worker; the result maps hits back to all texts. */
function beginSecretlintHits(texts: readonly ScanText[]): () => WorkerHit[] {
  const selected: number[] = [];
  texts.forEach((t, i) => {
    if (t.text.length >= SECRETLINT_MIN_CHARS) selected.push(i);
  });
  if (selected.length === 0) return () => [];
  const finish = beginSecretlintScan(selected.map((i) => texts[i].text));
  return () => finish().map((hit) => ({ ...hit, index: selected[hit.index] }));
}

/**
 * Scans many texts for secrets and personal data in ONE call: the built-in patterns run here,
 * secretlint's rules run in a worker thread that gets every text at once (a review makes one
 * call, never one per object). Overlapping hits in a text are reported once: a known format
 * (secretlint) before a built-in credential pattern before personal data.
 */
export function scanTexts(texts: readonly ScanText[], options: ScanOptions = {}): SecretHit[] {
  return beginScanTexts(texts, options)();
}

/**
 * {@link scanTexts} in two steps: secretlint starts scanning in its worker now, and the returned
 * function (run the built-in patterns here, wait for secretlint, merge) may be called later, so a
 * review runs other checks meanwhile.
 */
export function beginScanTexts(texts: readonly ScanText[], options: ScanOptions = {}): () => SecretHit[] {
  const secretlint = options.secretlint ?? true ? beginSecretlintHits(texts) : () => [];
  return () => finishScan(texts, secretlint);
}

function finishScan(texts: readonly ScanText[], secretlint: () => WorkerHit[]): SecretHit[] {
  const raw: { index: number; rule: string; name: string; category: SecretCategory; engine: SecretHit['engine']; start: number; end: number; rank: number }[] = [];
  texts.forEach(({ text }, index) => {
    BUILTIN_PATTERNS.forEach((pattern, order) => {
      for (const match of pattern.find(text)) {
        raw.push({ index, rule: match.rule ?? pattern.rule, name: match.name ?? pattern.name, category: pattern.category, engine: 'builtin', start: match.start, end: match.end, rank: 1 + order });
      }
    });
  });
  // The built-in patterns ran while secretlint scanned in its worker; now its hits are needed.
  for (const hit of secretlint()) {
    raw.push({ index: hit.index, rule: hit.ruleId, name: SECRETLINT_NAMES[hit.ruleId] ?? hit.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''), category: 'credential', engine: 'secretlint', start: hit.start, end: hit.end, rank: 0 });
  }

  // Per text: by position, then keep a hit only when no better-ranked hit overlaps it.
  raw.sort((a, b) => a.index - b.index || a.rank - b.rank || a.start - b.start);
  const kept: typeof raw = [];
  let keptInText: typeof raw = [];
  for (const hit of raw) {
    if (keptInText[0]?.index !== hit.index) keptInText = [];
    if (keptInText.some((k) => k.start < hit.end && hit.start < k.end)) continue;
    keptInText.push(hit);
    kept.push(hit);
  }
  kept.sort((a, b) => a.index - b.index || a.start - b.start);

  const lineStarts = new Map<number, number[]>();
  return kept.map((hit) => {
    const text = texts[hit.index].text;
    let starts = lineStarts.get(hit.index);
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      lineStarts.set(hit.index, starts);
    }
    const line = lastAtOrBefore(starts, hit.start);
    return {
      id: texts[hit.index].id,
      rule: hit.rule,
      name: hit.name,
      category: hit.category,
      engine: hit.engine,
      line: line + 1,
      column: hit.start - starts[line] + 1,
      offset: hit.start,
      length: hit.end - hit.start,
      masked: maskSecret(text.slice(hit.start, hit.end)),
    };
  });
}

/** `hunter2secret` → `hu…`; a value under 8 characters shows nothing but `…`. */
export function maskSecret(value: string): string {
  return value.length >= 8 ? `${value.slice(0, 2)}…` : '…';
}

/** Index of the last entry `<= position` in an ascending list (line starts → line of an offset). */
export function lastAtOrBefore(sorted: readonly number[], position: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (sorted[middle] <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}
