/* eslint-disable no-bitwise -- a set of words is kept as bits: the pre-test of every text ORs and ANDs a few 32-bit words */
/**
 * What a text must hold before a secret pattern's regex runs on it, looked for in ONE pass over the
 * text for every pattern and every known format: a review scans about a megabyte of ConfigMap
 * values (dashboards, nginx.conf), and most of it holds none of these words. Each pre-test is
 * implied by its regex (the regex cannot match without the word), so it only saves time: it never
 * decides what is found.
 *
 * The pass: one regex of every lowercase word, as a trie (one branch per next character, the
 * longer word first), over `text.toLowerCase()`, resumed one character after each match so that
 * overlapping words are all seen. This is the very test the rules had (`lower.includes(keyword)`),
 * for all of them at once: a case-insensitive alternation of ~70 words tried at every position
 * cost several times more. Words written with capitals are looked for as written (`includes`).
 */
import { CREDENTIAL_NAME_HINTS } from './credential-names';
import { CREDENTIAL_RULES } from './credential-rules';

/** The built-in patterns' own pre-tests: words in any case, unless written with capitals. */
const PATTERN_WORDS = {
  /** The key of a password field ends in password, passwd, pwd or secret (patterns.ts, PASSWORD_KEY). */
  'password-field': ['passw', 'pwd', 'secret'],
  /** A credential field's name holds one of these (credential-names.ts); patterns.ts then wants one in a name before a separator. */
  'credential-field': CREDENTIAL_NAME_HINTS,
  /** The BEGIN line says PRIVATE in capitals. */
  'private-key': ['PRIVATE'],
  'url-password': ['://'],
  /** `[Bb]earer`. */
  'bearer-token': ['bearer'],
} as const;

export type PretestedPattern = keyof typeof PATTERN_WORDS;

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words → indices; lowercase words are looked for in any case, the others as written. */
const words: string[] = [];
const indexOf = new Map<string, number>();
const indicesOf = (list: readonly string[]): number[] =>
  list.map((word) => {
    let index = indexOf.get(word);
    if (index === undefined) {
      if (word.length === 0) throw new Error('pretests: an empty word');
      index = words.length;
      words.push(word);
      indexOf.set(word, index);
    }
    return index;
  });

const RULE_WORDS = CREDENTIAL_RULES.map((rule) => indicesOf(rule.keywords));
const PATTERN_INDICES = Object.fromEntries(
  Object.entries(PATTERN_WORDS).map(([pattern, list]) => [pattern, indicesOf(list)]),
) as Record<PretestedPattern, number[]>;

const anyCase = words.filter((word) => word === word.toLowerCase());
const asWritten = words.filter((word) => word !== word.toLowerCase());

interface TrieNode {
  end: boolean;
  readonly next: Map<string, TrieNode>;
}

/** The words as one regex: one branch per next character, a longer word before a word it extends. */
function trieSource(list: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const word of list) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].map(([ch, child]) => escape(ch) + emit(child));
    if (branches.length === 0) return '';
    if (branches.length === 1 && !node.end) return branches[0];
    return `(?:${branches.join('|')}${node.end ? '|' : ''})`;
  };
  return emit(root);
}

const ANY_CASE_WORDS = new RegExp(trieSource(anyCase), 'g');

/** A set of words as bits (word index i is bit i % 32 of element i / 32): a text's words, a rule's keywords. */
type WordSet = number[];
const SET_LENGTH = Math.ceil(words.length / 32);
const setOf = (indices: readonly number[]): WordSet => {
  const set: WordSet = new Array<number>(SET_LENGTH).fill(0);
  for (const index of indices) set[index >>> 5] |= 1 << (index & 31);
  return set;
};
const meets = (a: WordSet, b: WordSet): boolean => {
  for (let i = 0; i < SET_LENGTH; i++) if ((a[i] & b[i]) !== 0) return true;
  return false;
};

/** A matched word → every word it holds (itself, and the shorter words inside it, which start where it starts or later). */
const HELD_BY = new Map(anyCase.map((word) => [word, setOf(anyCase.filter((other) => word.includes(other)).map((other) => indexOf.get(other)!))]));
const AS_WRITTEN = asWritten.map((word) => ({ word, set: setOf([indexOf.get(word)!]) }));
const RULE_SETS = RULE_WORDS.map(setOf);
const ANY_RULE = setOf(RULE_WORDS.flat());
const PATTERN_SETS = Object.fromEntries(
  Object.entries(PATTERN_INDICES).map(([pattern, indices]) => [pattern, setOf(indices)]),
) as Record<PretestedPattern, WordSet>;
/** A matched word → the lengths of the name hints it starts with (`secret_access` starts with `secret`). */
const HINTS_STARTING = new Map(
  anyCase.map((word) => [word, CREDENTIAL_NAME_HINTS.filter((hint) => word.startsWith(hint)).map((hint) => hint.length)]),
);
/**
 * After a name hint, the rest of a name, a closing quote and the separator of a credential field
 * (patterns.ts, ASSIGNMENT: `(["']?)(name)\1[ \t]*(:|=)`, a name of at most 61 characters), in lowercase.
 */
const REST_OF_FIELD_NAME = /[a-z0-9_.-]{0,60}["']?[ \t]*[:=]/y;
/** The same over the text itself, where lowercasing changed the length (İ): the hint, then the rest. */
const HINTED_FIELD_NAME = new RegExp(String.raw`(?:${CREDENTIAL_NAME_HINTS.map(escape).join('|')})[A-Za-z0-9_.-]{0,60}["']?[ \t]*[:=]`, 'i');

/** Which pre-tests a text passes. */
export interface Pretests {
  /** Some known format may be in the text. */
  readonly anyRule: boolean;
  /** Some name hint (credential-names.ts) stands in a name before `:` or `=`: a credential field may be there. */
  readonly fieldName: boolean;
  /** The known format CREDENTIAL_RULES[index] may be: the text holds one of the rule's keywords. */
  rule(index: number): boolean;
  /** The built-in pattern may match. */
  pattern(name: PretestedPattern): boolean;
}

class Held implements Pretests {
  readonly anyRule: boolean;
  constructor(
    private readonly held: WordSet,
    readonly fieldName: boolean,
  ) {
    this.anyRule = meets(held, ANY_RULE);
  }

  rule(index: number): boolean {
    return meets(this.held, RULE_SETS[index]);
  }

  pattern(name: PretestedPattern): boolean {
    return meets(this.held, PATTERN_SETS[name]);
  }
}

/** What a text holds: one pass of the word trie over its lowercase form, `includes` for the words with capitals. */
function pretestText(text: string): Pretests {
  const held: WordSet = new Array<number>(SET_LENGTH).fill(0);
  let fieldName = false;
  const lower = text.toLowerCase();
  const samePositions = lower.length === text.length;
  const re = ANY_CASE_WORDS;
  re.lastIndex = 0;
  for (let match = re.exec(lower); match !== null; match = re.exec(lower)) {
    const word = match[0];
    const set = HELD_BY.get(word)!;
    for (let i = 0; i < SET_LENGTH; i++) held[i] |= set[i];
    if (!fieldName && samePositions) {
      for (const length of HINTS_STARTING.get(word)!) {
        REST_OF_FIELD_NAME.lastIndex = match.index + length;
        if (REST_OF_FIELD_NAME.test(lower)) fieldName = true;
      }
    }
    // The next match may start inside this one (`passign`: pass, then sig).
    re.lastIndex = match.index + 1;
  }
  for (const { word, set } of AS_WRITTEN) if (text.includes(word)) for (let i = 0; i < SET_LENGTH; i++) held[i] |= set[i];
  if (!samePositions) fieldName = meets(held, PATTERN_SETS['credential-field']) && HINTED_FIELD_NAME.test(text);
  return new Held(held, fieldName);
}

// The patterns of one text run one after another: the last text's answer serves them all.
let lastText: string | undefined;
let lastPretests: Pretests | undefined;

/** The pre-tests of a text, computed once (and again only for another text). */
export function pretestsOf(text: string): Pretests {
  if (lastPretests !== undefined && text === lastText) return lastPretests;
  const pretests = pretestText(text);
  lastText = text;
  lastPretests = pretests;
  return pretests;
}

/** The only characters whose lowercase form holds ASCII (İ → i̇, the Kelvin sign → k): /i regexes fold ASCII only. */
const LOWERCASES_TO_ASCII = /[\u0130\u212a]/;

/**
 * A test of a few words, true when `words.some((w) => (w is lowercase ? text.toLowerCase() : text).includes(w))`,
 * without lowercasing the text: one case-insensitive regex (for a few long words it skips along the
 * text), and the exact test only when that regex matches or the text holds İ or the Kelvin sign.
 */
export function wordTest(list: readonly string[]): (text: string) => boolean {
  const lower = list.filter((word) => word === word.toLowerCase());
  const cased = list.filter((word) => word !== word.toLowerCase());
  const quick = lower.length > 0 ? new RegExp(lower.map(escape).join('|'), 'i') : undefined;
  return (text) => {
    if (cased.some((word) => text.includes(word))) return true;
    if (!quick || (!quick.test(text) && !LOWERCASES_TO_ASCII.test(text))) return false;
    const folded = text.toLowerCase();
    return lower.some((word) => folded.includes(word));
  };
}
