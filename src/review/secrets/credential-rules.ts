/**
 * Known credential formats, as data. Every rule is taken from a maintained rule set, named in
 * `source`, and translated to JavaScript regular expressions (Go's inline `(?i)` groups become
 * explicit character classes; gitleaks' trailing delimiter group becomes a look-ahead so that a
 * match is exactly the credential):
 * - gitleaks `config/gitleaks.toml` (rule ids kept as they are there);
 * - secretlint's recommended preset 11.7 (the rules also run, unchanged, in the review's worker);
 * - Yelp detect-secrets plugins and Nosey Parker's rules where neither of the first two has one.
 * Each rule has a test with a generated hit and a look-alike miss (test/review/secrets/).
 */

/** One credential format. */
export interface CredentialRule {
  /** The source's rule id: `stripe-access-token`. */
  readonly id: string;
  /** What it is, in plain words: "Stripe secret key". */
  readonly name: string;
  /** Where the rule comes from: `gitleaks`, `secretlint`, `detect-secrets`, `noseyparker`. */
  readonly source: 'gitleaks' | 'secretlint' | 'detect-secrets' | 'noseyparker';
  /** Global regex; group `secret` (when present) is the credential, else the whole match. */
  readonly pattern: RegExp;
  /** Words one of which the text must contain before the regex runs (the source's keywords): lowercase ones in any case, others as written. */
  readonly keywords: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the credential, as the source sets it. */
  readonly entropy?: number;
  /** Matches that are documented examples, not credentials (the source's allowlist). */
  readonly allow?: RegExp;
  /** The rule wants the value's name before it (`mailgun_api_key=key-…`): a named value is scanned as `NAME=value`. */
  readonly needsName?: boolean;
}

/** gitleaks' delimiter after a token (`[\x60'"\s;]|\\[nr]|$`), plus the JSON and URL delimiters a log line puts there. */
const END = String.raw`(?=[\x60'"\s;,)}\]&<]|\\[nr]|$)`;

const re = (source: string, flags = '') => new RegExp(source, `g${flags}`);

export const CREDENTIAL_RULES: readonly CredentialRule[] = [
  // --- Payments
  {
    id: 'stripe-access-token',
    name: 'Stripe secret key',
    source: 'gitleaks',
    pattern: re(String.raw`\b(?<secret>(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})` + END),
    keywords: ['sk_test', 'sk_live', 'sk_prod', 'rk_test', 'rk_live', 'rk_prod'],
    entropy: 2,
  },
  // --- AI providers
  {
    id: 'openai-api-key',
    name: 'OpenAI API key',
    source: 'gitleaks',
    pattern: re(
      String.raw`\b(?<secret>sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})` + END,
    ),
    keywords: ['t3blbkfj'],
    entropy: 3,
  },
  {
    id: 'anthropic-api-key',
    name: 'Anthropic API key',
    source: 'secretlint',
    pattern: re(String.raw`(?<!\p{L})sk-ant-api0\d-[A-Za-z0-9_-]{90,128}AA(?![A-Za-z0-9_-])`, 'u'),
    keywords: ['sk-ant-'],
  },
  // --- Code hosting
  { id: 'github-pat', name: 'GitHub token', source: 'gitleaks', pattern: re(String.raw`ghp_[0-9a-zA-Z]{36}`), keywords: ['ghp_'], entropy: 3 },
  { id: 'github-oauth', name: 'GitHub token', source: 'gitleaks', pattern: re(String.raw`gho_[0-9a-zA-Z]{36}`), keywords: ['gho_'], entropy: 3 },
  { id: 'github-app-token', name: 'GitHub token', source: 'gitleaks', pattern: re(String.raw`(?:ghu|ghs)_[0-9a-zA-Z]{36}`), keywords: ['ghu_', 'ghs_'], entropy: 3 },
  { id: 'github-refresh-token', name: 'GitHub token', source: 'gitleaks', pattern: re(String.raw`ghr_[0-9a-zA-Z]{36}`), keywords: ['ghr_'], entropy: 3 },
  { id: 'github-fine-grained-pat', name: 'GitHub token', source: 'gitleaks', pattern: re(String.raw`github_pat_\w{82}`), keywords: ['github_pat_'], entropy: 3 },
  { id: 'gitlab-pat', name: 'GitLab token', source: 'gitleaks', pattern: re(String.raw`glpat-[\w-]{20}`), keywords: ['glpat-'], entropy: 3 },
  { id: 'gitlab-ptt', name: 'GitLab token', source: 'gitleaks', pattern: re(String.raw`glptt-[0-9a-f]{40}`), keywords: ['glptt-'], entropy: 3 },
  { id: 'gitlab-rrt', name: 'GitLab token', source: 'gitleaks', pattern: re(String.raw`GR1348941[\w-]{20}`), keywords: ['gr1348941'], entropy: 3 },
  { id: 'gitlab-runner-authentication-token', name: 'GitLab token', source: 'gitleaks', pattern: re(String.raw`glrt-[0-9a-zA-Z_-]{20}`), keywords: ['glrt-'], entropy: 3 },
  { id: 'gitlab-deploy-token', name: 'GitLab token', source: 'gitleaks', pattern: re(String.raw`gldt-[0-9a-zA-Z_-]{20}`), keywords: ['gldt-'], entropy: 3 },
  // --- Chat
  { id: 'slack-bot-token', name: 'Slack token', source: 'gitleaks', pattern: re(String.raw`xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*`), keywords: ['xoxb'], entropy: 3 },
  { id: 'slack-user-token', name: 'Slack token', source: 'gitleaks', pattern: re(String.raw`xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}`), keywords: ['xoxp-', 'xoxe-'], entropy: 2 },
  { id: 'slack-app-token', name: 'Slack token', source: 'gitleaks', pattern: re(String.raw`xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+`, 'i'), keywords: ['xapp'], entropy: 2 },
  { id: 'slack-legacy-token', name: 'Slack token', source: 'gitleaks', pattern: re(String.raw`xox[os]-\d+-\d+-\d+-[a-fA-F\d]+`), keywords: ['xoxo', 'xoxs'], entropy: 2 },
  { id: 'slack-legacy-workspace-token', name: 'Slack token', source: 'gitleaks', pattern: re(String.raw`xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}`), keywords: ['xoxa', 'xoxr'], entropy: 2 },
  {
    id: 'slack-webhook-url',
    name: 'Slack webhook URL',
    source: 'gitleaks',
    pattern: re(String.raw`(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}`),
    keywords: ['hooks.slack.com'],
  },
  // --- Clouds
  {
    id: 'aws-access-token',
    name: 'AWS access key id',
    source: 'gitleaks',
    pattern: re(String.raw`\b(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b`),
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
    entropy: 3,
    allow: /EXAMPLE$/,
  },
  {
    id: 'aws-secret-access-key',
    name: 'AWS secret access key',
    source: 'secretlint',
    pattern: re(String.raw`["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?(?<secret>[A-Za-z0-9/+=]{40})["']?\b`),
    keywords: ['secret_access', 'secretaccess'],
    needsName: true,
    // AWS's documentation example (wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY), as gitleaks allows `EXAMPLE` key ids.
    allow: /EXAMPLEKEY$/,
  },
  {
    id: 'gcp-api-key',
    name: 'Google API key',
    source: 'gitleaks',
    pattern: re(String.raw`\b(?<secret>AIza[\w-]{35})` + END),
    keywords: ['aiza'],
    entropy: 4,
    // The first of gitleaks' allowlisted documentation keys (the others are real keys published on purpose).
    allow: /^AIzaSyabcdefghijklmnopqrstuvwxyz1234567$/,
  },
  {
    id: 'gcp-service-account',
    name: 'Google service account key',
    source: 'gitleaks',
    pattern: re(String.raw`"type"\s*:\s*"service_account"`),
    keywords: ['service_account'],
  },
  {
    id: 'azure-ad-client-secret',
    name: 'Azure AD client secret',
    source: 'gitleaks',
    pattern: re(String.raw`(?:^|[\\'"\x60\s>=:(,)])(?<secret>[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?=$|[\\'"\x60\s<),])`),
    keywords: ['q~'],
    entropy: 3,
  },
  {
    id: 'np.azure.1',
    name: 'Azure storage connection string',
    source: 'noseyparker',
    pattern: re(
      String.raw`(?:AccountName|SharedAccessKeyName|SharedSecretIssuer)\s*=\s*[^$\{;<\[.\s*"'#][^.;\n"'#]{2,80}\s*;\s*.{0,10}\s*(?:AccountKey|SharedAccessKey|SharedSecretValue)\s*=\s*(?<secret>[a-zA-Z0-9/+]{20,100}={0,3})(?=[^a-zA-Z0-9/+=]|$)`,
      'i',
    ),
    keywords: ['accountkey', 'sharedaccesskey', 'sharedsecretvalue'],
  },
  {
    // detect-secrets' AzureDetector keys on `sig=` and `SharedAccessSignature`; a SAS carries both its version (sv=) and its signature (sig=).
    id: 'azure-sas',
    name: 'Azure shared access signature',
    source: 'detect-secrets',
    pattern: re(String.raw`\bsv=\d{4}-\d{2}-\d{2}&(?:[^\s"'&]+&)*?sig=(?<secret>[A-Za-z0-9%+/=]{16,})`),
    keywords: ['sig='],
  },
  // --- Messaging and mail
  // gitleaks' keyword is `sk`, matched in any case; the rule itself wants capitals, so the pre-test does too.
  { id: 'twilio-api-key', name: 'Twilio API key', source: 'gitleaks', pattern: re(String.raw`\bSK[0-9a-fA-F]{32}\b`), keywords: ['SK'], entropy: 3 },
  { id: 'sendgrid-api-token', name: 'SendGrid API key', source: 'gitleaks', pattern: re(String.raw`\b(?<secret>SG\.[a-zA-Z0-9=_.-]{66})` + END), keywords: ['sg.'], entropy: 2 },
  {
    id: 'mailgun-private-api-token',
    name: 'Mailgun API key',
    source: 'gitleaks',
    pattern: re(String.raw`[\w.-]{0,50}?mailgun(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}(?<secret>key-[a-f0-9]{32})` + END, 'i'),
    keywords: ['mailgun'],
    needsName: true,
  },
  // --- Package registries
  { id: 'npm-access-token', name: 'npm token', source: 'gitleaks', pattern: re(String.raw`\b(?<secret>npm_[a-z0-9]{36})` + END, 'i'), keywords: ['npm_'], entropy: 2 },
  // --- Generic formats
  {
    id: 'jwt',
    name: 'JSON Web Token',
    source: 'gitleaks',
    pattern: re(String.raw`\b(?<secret>ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)` + END),
    // gitleaks' keyword is `ey`, in nearly every text; the second part always follows a dot.
    keywords: ['.ey'],
    entropy: 3,
  },
  {
    id: 'private-key',
    name: 'private key',
    source: 'gitleaks',
    // gitleaks wants the END line too; a BEGIN line alone (a truncated key in a log) is caught by the scanner's own private-key pattern.
    pattern: re(String.raw`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?KEY(?: BLOCK)?-----`, 'i'),
    keywords: ['-----begin'],
  },
  // detect-secrets matches version 2 of the PuTTY key file header; PuTTY 0.75 and later write version 3.
  { id: 'putty-private-key', name: 'private key', source: 'detect-secrets', pattern: re(String.raw`PuTTY-User-Key-File-[23]:`), keywords: ['putty-user-key-file-'] },
];

/** Where a rule matched in a text: the credential's offsets, never the credential. */
export interface RuleMatch {
  readonly start: number;
  readonly end: number;
}

/**
 * Every match of a rule in a text that passed the rule's keyword pre-test (pretests.ts scans a text
 * once for every rule's keywords): the regex, then the source's entropy floor and allowlist.
 */
export function matchRule(rule: CredentialRule, text: string, entropyOf: (value: string) => number): RuleMatch[] {
  const found: RuleMatch[] = [];
  for (const match of text.matchAll(rule.pattern)) {
    const secret = match.groups?.secret ?? match[0];
    const start = (match.index ?? 0) + (match.groups?.secret === undefined ? 0 : match[0].lastIndexOf(secret));
    if (rule.entropy !== undefined && entropyOf(secret) < rule.entropy) continue;
    if (rule.allow?.test(secret)) continue;
    found.push({ start, end: start + secret.length });
  }
  return found;
}
