import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_PATTERNS, luhnValid, maskSecret, scanTexts, startSecretScanner, workerFile, type SecretHit } from '../../src/review/secrets';

/** Every request the scanner posts to its secretlint worker: how many texts it carried. */
const mockWorkerCalls: number[] = [];
/** Every worker thread started (its script). */
const mockWorkerStarts: string[] = [];
jest.mock('node:worker_threads', () => {
  const actual = jest.requireActual('node:worker_threads');
  class CountedWorker extends actual.Worker {
    constructor(file: string, options: unknown) {
      mockWorkerStarts.push(String(file));
      super(file, options);
    }
  }
  return { ...actual, Worker: CountedWorker };
});
jest.mock('../../src/review/secrets/secretlint-client', () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.mock factories run before imports
  (require('../helpers/counting-secretlint-client') as typeof import('../helpers/counting-secretlint-client')).countingSecretlintClient(() => mockWorkerCalls),
);

const rules = (text: string, options?: { secretlint?: boolean }) => scanTexts([{ id: 't', text }], options).map((h) => h.rule);
const builtin = (text: string) => rules(text, { secretlint: false });

/**
 * Token-shaped strings are made here at run time from random characters, so no file of the
 * repository holds anything a secret scanner (or a push protection) would flag.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length: number, alphabet = ALNUM) => Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
const githubToken = () => `ghp_${randomText(36)}`;
const slackToken = () => `xoxb-${randomText(12, '0123456789')}-${randomText(13, '0123456789')}-${randomText(24)}`;
const privateKeyPem = () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

describe('the worker', () => {
  it('is not started when no text is long enough to hold a secretlint secret', () => {
    expect(scanTexts([{ id: 'a', text: '' }, { id: 'b', text: 'short' }])).toEqual([]);
    expect(scanTexts([])).toEqual([]);
    expect(mockWorkerCalls).toEqual([]);
  });

  it('is loaded from the compiled lib/, whichever copy of the scanner runs', () => {
    const file = workerFile();
    expect(path.relative(path.resolve(__dirname, '..', '..'), file).split(path.sep).join('/')).toBe('lib/review/secrets/secretlint-worker-entry.js');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('started ahead of the first scan (as vibe synth does) is the worker that scan uses', () => {
    mockWorkerCalls.length = 0;
    startSecretScanner();
    startSecretScanner();
    expect(mockWorkerStarts).toEqual([workerFile()]);
    expect(rules(`GITHUB=${githubToken()}`)).toEqual(['@secretlint/secretlint-rule-github']);
    expect(mockWorkerStarts).toEqual([workerFile()]);
    expect(mockWorkerCalls).toEqual([1]);
  });

  it('scans a batch of 1,000 texts in one call and puts each hit on its own text', () => {
    mockWorkerCalls.length = 0;
    const tokens = new Map<string, string>();
    const texts = Array.from({ length: 1000 }, (_, i) => {
      if (i % 100 !== 7) return { id: `cm-${i}`, text: `KEY_${i}: an ordinary setting number ${i}` };
      const token = githubToken();
      tokens.set(`cm-${i}`, token);
      return { id: `cm-${i}`, text: `first line\nGITHUB=${token}` };
    });
    const started = Date.now();
    const hits = scanTexts(texts);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(mockWorkerCalls).toEqual([1000]);
    const github = hits.filter((h) => h.rule === '@secretlint/secretlint-rule-github');
    expect(github.map((h) => h.id)).toEqual([...tokens.keys()]);
    for (const hit of github) expect([hit.line, hit.column, hit.name, hit.engine, hit.category]).toEqual([2, 8, 'GitHub token', 'secretlint', 'credential']);
    expect(JSON.stringify(hits)).not.toMatch(/ghp_[A-Za-z0-9]{4}/);
  });

  it('never joins two texts into one match', () => {
    const token = githubToken();
    expect(rules(token)).toEqual(['@secretlint/secretlint-rule-github']);
    const halves = scanTexts([{ id: 'a', text: token.slice(0, 20) }, { id: 'b', text: token.slice(20) }]);
    expect(halves.filter((h) => h.engine === 'secretlint')).toEqual([]);
  });
});

describe('secretlint rules', () => {
  it('finds a GitHub token, a Slack token and a real private key', () => {
    expect(rules(`export GITHUB_TOKEN=${githubToken()}`)).toEqual(['@secretlint/secretlint-rule-github']);
    expect(rules(`slack: ${slackToken()}`)).toEqual(['@secretlint/secretlint-rule-slack']);
    // A real key is found by secretlint; the built-in BEGIN-line pattern overlaps it and gives way.
    expect(rules(privateKeyPem())).toEqual(['@secretlint/secretlint-rule-privatekey']);
  });
});

describe('built-in patterns', () => {
  it('finds e-mail addresses, not URL credentials, node names or package versions', () => {
    expect(builtin('{"msg":"sent to jane.doe+shop@mail.example.co.uk"}')).toEqual(['email']);
    expect(builtin('rabbit@localhost')).toEqual([]);
    expect(builtin('npm i left-pad@1.3.0')).toEqual([]);
    expect(builtin('https://app:not-a-real-password@db.example.com/x')).toEqual(['url-password']);
  });

  it('finds card numbers that pass the Luhn check, with spaces or dashes, 13 to 19 digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(builtin('card 4111111111111111')).toEqual(['card-number']);
    expect(builtin('card 4111 1111 1111 1111')).toEqual(['card-number']);
    expect(builtin('card 5500-0000-0000-0004')).toEqual(['card-number']);
    expect(builtin('amex 378282246310005')).toEqual(['card-number']);
    expect(builtin('visa13 4222222222222')).toEqual(['card-number']);
    expect(builtin('unionpay19 6221260000000000001')).toEqual(['card-number']);
    expect(builtin('unionpay19 6221260000000000002')).toEqual([]);
    expect(builtin('card 4111 1111 1111 1112')).toEqual([]);
    expect(builtin('epoch ms 1735725601000 and 1735725600008')).toEqual([]);
    expect(builtin('part of a longer number 41111111111111110000000')).toEqual([]);
    expect(builtin('uuid 12345678-1234-1234-1234-123456789012')).toEqual([]);
  });

  it('finds password fields in JSON, key=value and YAML, not masks, references or prose', () => {
    expect(builtin('{"user":"u","password":"hunter2hunter2"}')).toEqual(['password-field']);
    expect(builtin("{'db_passwd': 'x1y2z3'}")).toEqual(['password-field']);
    expect(builtin('login user=u pwd=x1y2z3 ok')).toEqual(['password-field']);
    expect(builtin('client_secret=abcdef123456')).toEqual(['password-field']);
    expect(builtin('spring:\n  datasource:\n    password: hunter2hunter2')).toEqual(['password-field']);
    expect(builtin('{"password":"***","secret":null,"pwd":"${DB_PWD}","password_reset":true}')).toEqual([]);
    expect(builtin('{"msg":"Invalid password: must be 12 characters"}')).toEqual([]);
    expect(builtin('if password == other')).toEqual([]);
  });

  it('finds bearer tokens and private key blocks, even malformed ones', () => {
    expect(builtin('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc')).toEqual(['bearer-token']);
    expect(builtin('WWW-Authenticate: Bearer realm="shop"')).toEqual([]);
    expect(builtin('-----BEGIN PRIVATE KEY-----\nxxxx\n-----END PRIVATE KEY-----')).toEqual(['private-key']);
    expect(builtin('---BEGIN OPENSSH PRIVATE KEY---\nxxxxx\n---END  OPENSSH PRIVATE KEY---')).toEqual(['private-key']);
    expect(builtin('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toEqual([]);
  });

  it('finds passwords in URLs, not references to them', () => {
    expect(builtin('amqp://app:not-a-real-password@shop-rabbitmq:5672')).toEqual(['url-password']);
    expect(builtin('redis://:not-a-real-password@shop-redis:6379/0')).toEqual(['url-password']);
    expect(builtin('postgres://app:$(DB_PASSWORD)@db:5432/app redis://:${REDIS_PASSWORD}@r:6379')).toEqual([]);
    expect(builtin('postgres://shop-postgres:5432/app')).toEqual([]);
  });

  it('has a name and a category for every rule', () => {
    for (const pattern of BUILTIN_PATTERNS) expect([pattern.rule, pattern.name.length > 0, ['credential', 'pii'].includes(pattern.category)]).toEqual([pattern.rule, true, true]);
  });
});

describe('masking', () => {
  it('shows at most two characters of a value', () => {
    expect(maskSecret('hunter2hunter2')).toBe('hu…');
    expect(maskSecret('abc1234')).toBe('…');
  });

  it('never puts a matched secret in a hit', () => {
    const secrets = ['jane.doe@example.com', '4111 1111 1111 1111', 'hunter2hunter2', 'eyJhbGciOiJIUzI1NiJ9.e30.sig', 'not-a-real-password', githubToken(), slackToken()];
    const text = [
      `{"email":"${secrets[0]}","card":"${secrets[1]}","password":"${secrets[2]}"}`,
      `Authorization: Bearer ${secrets[3]}`,
      `https://app:${secrets[4]}@db.example.com/x`,
      `tokens ${secrets[5]} ${secrets[6]}`,
    ].join('\n');
    const hits: SecretHit[] = scanTexts([{ id: 'log', text }]);
    expect(hits.length).toBeGreaterThanOrEqual(secrets.length);
    const serialized = JSON.stringify(hits);
    for (const secret of secrets) expect([secret, serialized.includes(secret)]).toEqual([secret, false]);
    for (const hit of hits) expect(hit.masked).toMatch(/^(?:.{2})?…$/u);
    for (const hit of hits) expect(text.slice(hit.offset, hit.offset + hit.length)).not.toBe('');
  });
});
