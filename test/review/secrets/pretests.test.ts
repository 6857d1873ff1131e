import fc from 'fast-check';
import { Fakes, ruleSamples } from './fake-credentials';
import { labelledTexts, labelledValues } from './labelled-set';
import { classifyName, CREDENTIAL_NAME_HINTS, CREDENTIAL_VOCABULARY } from '../../../src/review/secrets/credential-names';
import { CREDENTIAL_RULES } from '../../../src/review/secrets/credential-rules';
import { BUILTIN_PATTERNS, UNTESTED_FINDERS } from '../../../src/review/secrets/patterns';
import { pretestsOf, wordTest } from '../../../src/review/secrets/pretests';

/**
 * The pre-tests only spare regex scans: every built-in pattern finds in a text exactly what its
 * regexes alone find there, and the keyword pre-test of each known format is the test the rules
 * have always had (`lower.includes(keyword)`).
 */

const samples = ruleSamples(new Fakes(21));
const variants = (word: string) => [word, word.toUpperCase(), word.charAt(0).toUpperCase() + word.slice(1)];

/** Pieces texts are made of: keywords and name words in three cases, separators, fake credentials, the characters whose lowercase is ASCII. */
const PIECES = [
  ...CREDENTIAL_RULES.flatMap((rule) => rule.keywords.flatMap(variants)),
  ...CREDENTIAL_NAME_HINTS.flatMap(variants),
  ...['password', 'passwd', 'pwd', 'db_password', 'DATABASE_URL', 'api_key', 'clientSecret', 'STRIPE_KEY', 'x'.repeat(59), 'spring.datasource.password', 'auth.token.v2', 'key-id.1', 'Bearer ', 'PRIVATE', 'BEGIN', '-----BEGIN RSA PRIVATE KEY-----'],
  ...['=', ':', ': ', '.', '-', '_', ' = ', '==', '"', "'", '\n', '\t', ' ', ',', ';', '&', '}', '://', 'https://shop:', '@db.example.com', '/'],
  ...['\u0130', '\u212a', '\u017f', 'é'],
  ...Object.values(samples).flatMap(({ hit, miss }) => [hit.value, miss.value, hit.name, `${hit.name}=`]),
  'Zq8x7Yw6Vu5T4s3R', 'abcdefgh1234', '4111 1111 1111 1111',
];
const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const text = fc.array(piece, { maxLength: 16 }).map((parts) => parts.join(''));

/** The definition the rules' keywords always had: a lowercase keyword in the lowercased text, any other as written. */
const holds = (t: string, keyword: string) => (keyword === keyword.toLowerCase() ? t.toLowerCase() : t).includes(keyword);

const corpus = [
  ...labelledTexts().map((t) => t.text),
  ...labelledValues().flatMap((v) => [v.value, `${v.name}=${v.value}`, `"${v.name}": "${v.value}"`]),
  ...Object.values(samples).flatMap(({ hit, miss }) => [hit.value, `${hit.name}=${hit.value}`, `${miss.name}: ${miss.value}`]),
];

describe('secret pattern pre-tests', () => {
  it('name hints: every word and pair that makes a name a credential or key-like holds one', () => {
    const missing = CREDENTIAL_VOCABULARY.filter((word) => !CREDENTIAL_NAME_HINTS.some((hint) => word.includes(hint)));
    expect(missing).toEqual([]);
  });

  it('name hints: a name without one is never a credential', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (name) => {
        if (!CREDENTIAL_NAME_HINTS.some((hint) => name.toLowerCase().includes(hint))) expect(classifyName(name)).toBe('none');
      }),
      { numRuns: 2000 },
    );
  });

  it('a known format is pre-tested by its keywords, exactly as lower.includes(keyword)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const pretests = pretestsOf(t);
        const expected = CREDENTIAL_RULES.map((rule) => rule.keywords.some((keyword) => holds(t, keyword)));
        expect(CREDENTIAL_RULES.map((_, i) => pretests.rule(i))).toEqual(expected);
        expect(pretests.anyRule).toBe(expected.some(Boolean));
      }),
      { numRuns: 3000 },
    );
  });

  it('wordTest(words) is words.some(lower.includes)', () => {
    const words = ['secret_access', 'secretaccess', 'mailgun', 'key', 'SK'];
    const test = wordTest(words);
    fc.assert(fc.property(text, (t) => expect(test(t)).toBe(words.some((word) => holds(t, word)))), { numRuns: 3000 });
  });

  type Pretested = (typeof BUILTIN_PATTERNS)[number] & { rule: keyof typeof UNTESTED_FINDERS };
  const pretested = BUILTIN_PATTERNS.filter((pattern): pattern is Pretested => pattern.rule in UNTESTED_FINDERS);

  it('covers every credential pattern that has a pre-test', () => {
    expect(pretested.map((p) => p.rule).sort()).toEqual(Object.keys(UNTESTED_FINDERS).sort());
  });

  it.each(pretested.map((p) => [p.rule, p]))('%s: finds with its pre-test what its regexes find alone (generated texts)', (_, pattern) => {
    fc.assert(fc.property(text, (t) => expect(pattern.find(t)).toEqual(UNTESTED_FINDERS[pattern.rule](t))), { numRuns: 3000 });
  });

  it.each(pretested.map((p) => [p.rule, p]))('%s: finds with its pre-test what its regexes find alone (the labelled set and fake credentials)', (_, pattern) => {
    const found = corpus.map((t) => pattern.find(t));
    expect(found).toEqual(corpus.map((t) => UNTESTED_FINDERS[pattern.rule](t)));
    // The corpus exercises the pattern: it is no empty comparison.
    expect(found.some((matches) => matches.length > 0)).toBe(true);
  });
});
