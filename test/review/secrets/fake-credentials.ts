import { seededRandom } from '../../helpers/seeded-random';
/**
 * Fake credentials, generated (never real, never committed as literals: a repository host's push
 * protection would rightly refuse them). A seeded generator, so every run builds the same corpus.
 * For every rule of CREDENTIAL_RULES: a value in its format (`hit`) and a look-alike that is not
 * one (`miss`), with the name a creator would give it.
 */

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';
export const B64 = `${ALNUM}+/`;
export const B64URL = `${ALNUM}-_`;

export class Fakes {
  private readonly random: () => number;
  constructor(seed = 14) {
    this.random = seededRandom(seed);
  }
  /** `n` characters from an alphabet. */
  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }
  uuid(): string {
    return [8, 4, 4, 4, 12].map((n) => this.chars(HEX, n)).join('-');
  }
  base64url(text: string): string {
    return Buffer.from(text).toString('base64url');
  }
  jwt(): string {
    const header = this.base64url('{"alg":"HS256","typ":"JWT"}');
    const payload = this.base64url(JSON.stringify({ sub: this.uuid(), iat: 1767225600, role: 'admin' }));
    return `${header}.${payload}.${this.chars(B64URL, 43)}`;
  }
  pem(label: string): string {
    const body = Array.from({ length: 6 }, () => this.chars(B64, 64)).join('\n');
    return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
  }
}

/** A sample for one rule: the value, and the env name it would be given. */
export interface RuleSample {
  readonly name: string;
  readonly value: string;
}

/** Per rule id: a hit in its format and a look-alike miss. */
export function ruleSamples(f = new Fakes()): Record<string, { hit: RuleSample; miss: RuleSample }> {
  const slackPath = () => `T${f.chars(UPPER_ALNUM, 8)}/B${f.chars(UPPER_ALNUM, 10)}/${f.chars(ALNUM, 24)}`;
  return {
    'stripe-access-token': { hit: { name: 'STRIPE_KEY', value: `sk_live_${f.chars(ALNUM, 24)}` }, miss: { name: 'STRIPE_KEY', value: 'sk_live_' } },
    'openai-api-key': {
      hit: { name: 'OPENAI_KEY', value: `sk-proj-${f.chars(B64URL, 74)}T3BlbkFJ${f.chars(B64URL, 74)}` },
      miss: { name: 'OPENAI_MODEL', value: 'sk-proj-gpt-4o-mini' },
    },
    'anthropic-api-key': {
      hit: { name: 'ANTHROPIC_KEY', value: `sk-ant-api03-${f.chars(B64URL, 93)}AA` },
      miss: { name: 'ANTHROPIC_MODEL', value: 'sk-ant-api03-example' },
    },
    'github-pat': { hit: { name: 'GH_PAT', value: `ghp_${f.chars(ALNUM, 36)}` }, miss: { name: 'GH_REPO', value: `ghp_${f.chars(ALNUM, 12)}` } },
    'github-oauth': { hit: { name: 'GH_OAUTH', value: `gho_${f.chars(ALNUM, 36)}` }, miss: { name: 'GH_REPO', value: 'gho_docs' } },
    'github-app-token': { hit: { name: 'GH_APP', value: `ghs_${f.chars(ALNUM, 36)}` }, miss: { name: 'GH_APP', value: 'ghs_example' } },
    'github-refresh-token': { hit: { name: 'GH_REFRESH', value: `ghr_${f.chars(ALNUM, 36)}` }, miss: { name: 'GH_REFRESH', value: 'ghr_short' } },
    'github-fine-grained-pat': {
      hit: { name: 'GITHUB_PAT', value: `github_pat_${f.chars(ALNUM, 22)}_${f.chars(ALNUM, 59)}` },
      miss: { name: 'GITHUB_ORG', value: 'github_pat_docs' },
    },
    'gitlab-pat': { hit: { name: 'GL_PAT', value: `glpat-${f.chars(ALNUM, 20)}` }, miss: { name: 'GL_GROUP', value: 'glpat-docs' } },
    'gitlab-ptt': { hit: { name: 'GL_TRIGGER', value: `glptt-${f.chars(HEX, 40)}` }, miss: { name: 'GL_TRIGGER', value: `glptt-${f.chars(HEX, 8)}` } },
    'gitlab-rrt': { hit: { name: 'GL_RUNNER', value: `GR1348941${f.chars(ALNUM, 20)}` }, miss: { name: 'GL_RUNNER', value: 'GR1348941' } },
    'gitlab-runner-authentication-token': { hit: { name: 'GL_RUNNER', value: `glrt-${f.chars(ALNUM, 20)}` }, miss: { name: 'GL_RUNNER', value: 'glrt-docs' } },
    'gitlab-deploy-token': { hit: { name: 'GL_DEPLOY', value: `gldt-${f.chars(ALNUM, 20)}` }, miss: { name: 'GL_DEPLOY', value: 'gldt-docs' } },
    'slack-bot-token': {
      hit: { name: 'SLACK_BOT', value: `xoxb-${f.chars(DIGITS, 11)}-${f.chars(DIGITS, 12)}-${f.chars(ALNUM, 24)}` },
      miss: { name: 'SLACK_CHANNEL', value: 'xoxb-channel' },
    },
    'slack-user-token': {
      hit: { name: 'SLACK_USER', value: `xoxp-${f.chars(DIGITS, 11)}-${f.chars(DIGITS, 11)}-${f.chars(DIGITS, 12)}-${f.chars(HEX, 32)}` },
      miss: { name: 'SLACK_USER', value: 'xoxp-1-2-3' },
    },
    'slack-app-token': {
      hit: { name: 'SLACK_APP', value: `xapp-1-A${f.chars(UPPER_ALNUM, 10)}-${f.chars(DIGITS, 13)}-${f.chars(HEX, 64)}` },
      miss: { name: 'SLACK_APP', value: 'xapp-settings' },
    },
    'slack-legacy-token': {
      hit: { name: 'SLACK_LEGACY', value: `xoxs-${f.chars(DIGITS, 10)}-${f.chars(DIGITS, 10)}-${f.chars(DIGITS, 12)}-${f.chars(HEX, 64)}` },
      miss: { name: 'SLACK_LEGACY', value: 'xoxs-x' },
    },
    'slack-legacy-workspace-token': {
      hit: { name: 'SLACK_WORKSPACE', value: `xoxa-2-${f.chars(ALNUM, 40)}` },
      miss: { name: 'SLACK_WORKSPACE', value: 'xoxa-abc' },
    },
    'slack-webhook-url': {
      hit: { name: 'SLACK_WEBHOOK', value: `https://hooks.slack.com/services/${slackPath()}` },
      miss: { name: 'SLACK_DOCS', value: 'https://api.slack.com/messaging/webhooks' },
    },
    'aws-access-token': { hit: { name: 'AWS_ACCESS_KEY_ID', value: `AKIA${f.chars(UPPER_ALNUM, 16)}` }, miss: { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' } },
    'aws-secret-access-key': {
      hit: { name: 'AWS_SECRET_ACCESS_KEY', value: f.chars(B64, 40) },
      miss: { name: 'AWS_SECRET_ACCESS_KEY_FILE', value: '/run/secrets/aws' },
    },
    'gcp-api-key': { hit: { name: 'GOOGLE_MAPS', value: `AIza${f.chars(B64URL, 35)}` }, miss: { name: 'GOOGLE_MAPS', value: 'AIzaSyabcdefghijklmnopqrstuvwxyz1234567' } },
    'gcp-service-account': {
      hit: {
        name: 'GOOGLE_APPLICATION_CREDENTIALS_JSON',
        value: JSON.stringify({ type: 'service_account', project_id: 'shop-demo', private_key_id: f.chars(HEX, 40), client_email: 'app@shop-demo.iam.gserviceaccount.com' }, null, 1),
      },
      miss: { name: 'GOOGLE_APPLICATION_CONFIG', value: JSON.stringify({ type: 'external_account_config', audience: 'shop' }) },
    },
    'azure-ad-client-secret': {
      hit: { name: 'AZURE_APP', value: `${f.chars(ALNUM, 3)}8Q~${f.chars(ALNUM, 34)}` },
      miss: { name: 'AZURE_APP', value: 'abc8Q~short' },
    },
    'np.azure.1': {
      hit: { name: 'AZURE_STORAGE', value: `DefaultEndpointsProtocol=https;AccountName=shopstore;AccountKey=${f.chars(B64, 86)}==;EndpointSuffix=core.windows.net` },
      miss: { name: 'AZURE_STORAGE', value: 'DefaultEndpointsProtocol=https;AccountName=shopstore;EndpointSuffix=core.windows.net' },
    },
    'azure-sas': {
      hit: { name: 'AZURE_BLOB', value: `https://shopstore.blob.core.windows.net/media?sv=2022-11-02&ss=b&srt=co&sp=r&se=2030-01-01T00:00:00Z&sig=${f.chars(ALNUM, 40)}%3D` },
      miss: { name: 'AZURE_BLOB', value: 'https://shopstore.blob.core.windows.net/media?sv=2022-11-02&ss=b' },
    },
    'twilio-api-key': { hit: { name: 'TWILIO', value: `SK${f.chars(HEX, 32)}` }, miss: { name: 'TWILIO', value: `SK${f.chars(HEX, 12)}` } },
    'sendgrid-api-token': {
      hit: { name: 'SENDGRID', value: `SG.${f.chars(B64URL, 22)}.${f.chars(B64URL, 43)}` },
      miss: { name: 'SENDGRID', value: 'SG.example' },
    },
    'mailgun-private-api-token': { hit: { name: 'MAILGUN_API_KEY', value: `key-${f.chars(HEX, 32)}` }, miss: { name: 'MAILGUN_DOMAIN', value: 'mg.example.com' } },
    'npm-access-token': { hit: { name: 'NPM', value: `npm_${f.chars(ALNUM, 36)}` }, miss: { name: 'NPM', value: 'npm_config_cache' } },
    'jwt': { hit: { name: 'SESSION', value: f.jwt() }, miss: { name: 'FEATURES', value: f.base64url('{"features":{"checkout":true,"search":"v2"}}') } },
    'private-key': { hit: { name: 'TLS', value: f.pem('RSA PRIVATE KEY') }, miss: { name: 'TLS', value: f.pem('PUBLIC KEY') } },
    'putty-private-key': {
      hit: { name: 'SSH', value: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n${f.chars(B64, 68)}` },
      miss: { name: 'SSH', value: 'PuTTY-User-Key-File-3 format (see the PuTTY manual)' },
    },
  };
}
