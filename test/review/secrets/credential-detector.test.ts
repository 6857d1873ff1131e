import { Fakes, ruleSamples } from './fake-credentials';
import { measureTexts, measureValues } from './measure';
import { classifyName, nameWords } from '../../../src/review/secrets/credential-names';
import { CREDENTIAL_RULES } from '../../../src/review/secrets/credential-rules';
import { credentialFormatIn, judgeNamedValue } from '../../../src/review/secrets/detector';
import { looksRandom } from '../../../src/review/secrets/entropy';
import { scanTexts } from '../../../src/review/secrets/scanner';

const samples = ruleSamples(new Fakes(7));

describe('known credential formats', () => {
  it('has a generated hit and a look-alike for every rule, and no sample without a rule', () => {
    expect(Object.keys(samples).sort()).toEqual(CREDENTIAL_RULES.map((r) => r.id).sort());
  });

  it('takes every rule from a named maintained source', () => {
    for (const rule of CREDENTIAL_RULES) expect(['gitleaks', 'secretlint', 'detect-secrets', 'noseyparker']).toContain(rule.source);
  });

  it.each(CREDENTIAL_RULES.map((r) => [r.id]))('%s: finds its format in a named value', (id) => {
    const { hit } = samples[id];
    expect(credentialFormatIn(hit.value, hit.name)?.rule).toBe(id);
    expect(judgeNamedValue(hit.name, hit.value)?.by).toBe('format');
  });

  it.each(CREDENTIAL_RULES.map((r) => [r.id]))('%s: finds its format inside a log line', (id) => {
    const { hit } = samples[id];
    const text = `2026-01-01T00:00:00Z ERROR upstream said ${hit.name.toLowerCase()}=${hit.value} (retrying)`;
    const hits = scanTexts([{ id: 'log', text }], { secretlint: false });
    expect(hits.map((h) => h.rule)).toContain(id);
  });

  it.each(CREDENTIAL_RULES.map((r) => [r.id]))('%s: lets its look-alike pass', (id) => {
    const { miss } = samples[id];
    expect(judgeNamedValue(miss.name, miss.value)).toBeUndefined();
  });
});

describe('names judged by their words, with their values', () => {
  it('splits names into words', () => {
    expect(nameWords('DB_PASS')).toEqual(['db', 'pass']);
    expect(nameWords('jwtSigningKey')).toEqual(['jwt', 'signing', 'key']);
    expect(nameWords('HTTPAuthToken')).toEqual(['http', 'auth', 'token']);
  });

  it.each(['DB_PASS', 'ADMIN_PW', 'JWT_SIGNING', 'COOKIE_SIGNING_SALT', 'ENCRYPTION_KEY', 'HMAC', 'SENTRY_DSN', 'CREDENTIALS', 'SMTP_PASS', 'API_KEY', 'apiKey', 'DBPASSWORD', 'DATABASE_URL', 'CONNECTION_STRING'])(
    'fails %s with a value: a credential by its name',
    (name) => {
      expect(classifyName(name)).toBe('credential');
      expect(judgeNamedValue(name, 'plain-value-1')?.by).toBe('name');
    },
  );

  it.each([
    ['MONKEY_COUNT', '3'],
    ['KEYBOARD_LAYOUT', 'us'],
    ['CACHE_KEY_PREFIX', 'app:'],
    ['SORT_KEY', 'name'],
    ['TOKEN_TTL_SECONDS', '3600'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['MAX_TOKENS', '4096'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['AUTH_ENABLED', 'true'],
    ['MONGODB_URI', 'mongodb://shop-mongodb:27017/admin'],
    ['DB_PASSWORD', '$(OTHER_VAR)'],
    ['DB_PASSWORD', ''],
  ])('passes %s=%s', (name, value) => {
    expect(judgeNamedValue(name, value)).toBeUndefined();
  });

  it('judges a random-looking value under a key-like name by its entropy, and a word-like one not', () => {
    const f = new Fakes(3);
    expect(judgeNamedValue('SEGMENT_WRITE_KEY', f.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32))?.by).toBe('entropy');
    expect(judgeNamedValue('FEATURE_TOGGLE_KEY', 'new-checkout-flow-2025')).toBeUndefined();
    expect(looksRandom('new-checkout-flow-2025')).toBe(false);
    expect(looksRandom(f.uuid())).toBe(false);
    expect(looksRandom('uploads/2024/avatars/me')).toBe(false);
  });
});

describe('measured on the labelled set (test/review/secrets/labelled-set.ts)', () => {
  it('finds every credential among the named values and flags no look-alike', () => {
    const m = measureValues();
    expect({ missed: m.missed, flagged: m.flagged }).toEqual({ missed: [], flagged: [] });
    expect(m.positives).toBeGreaterThan(50);
    expect(m.negatives).toBeGreaterThan(70);
  });

  it('finds every credential in the log lines and config texts and flags no look-alike (built-in rules)', () => {
    const m = measureTexts(false);
    expect({ missed: m.missed, flagged: m.flagged }).toEqual({ missed: [], flagged: [] });
  });
});
