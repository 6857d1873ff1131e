/**
 * "Random-looking": the length-and-entropy rule for values under credential-ish names
 * (`STRIPE_KEY`, `CLIENT_KEY`, `AUTH`). The thresholds were measured on the labelled set in
 * test/review/secrets/labelled-set.ts (`npx ts-node scripts/secret-detector-measure.ts` prints
 * the sweep): every generated key of 16+ characters under such a name reaches 3.5 bits per
 * character, and hex keys cannot pass 4 (16 symbols), so 3.5 keeps them all. Entropy alone lets
 * word-like look-alikes through (`new-checkout-flow-2025` reaches 3.8), hence the shape rules below.
 */

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Shortest value the rule considers: shorter keys exist, but so do too many short words and ids. */
export const RANDOM_MIN_LENGTH = 16;
/** Bits per character from which a token-shaped value is random-looking (see the measurement above). */
export const RANDOM_MIN_ENTROPY = 3.5;

/** A token: base64, base64url, hex or a key alphabet, no spaces, no path or host structure. */
const TOKEN_SHAPE = /^[A-Za-z0-9+/=_~-]+$/;

/**
 * True when a value looks generated: token-shaped, at least 16 characters, entropy at or above
 * the threshold, and mixing letters and digits (a long word or a CamelCase name does not).
 */
export function looksRandom(value: string): boolean {
  // `base64:…` (Laravel's APP_KEY), `hex:…`: an encoding label before the key.
  const text = value.trim().replace(/^(?:base64|hex):/i, '');
  if (text.length < RANDOM_MIN_LENGTH || !TOKEN_SHAPE.test(text)) return false;
  if (!/[0-9]/.test(text) || !/[A-Za-z]/.test(text)) return false;
  // `uploads/2024/avatars`: a lowercase path, not base64 (which mixes cases).
  if (text.includes('/') && !/[A-Z]/.test(text)) return false;
  // `new-checkout-flow-2025`, `created_at_descending_2024`: words and numbers, each in one case.
  const segments = text.split(/[-_]+/).filter((s) => s.length > 0);
  if (segments.length > 1 && segments.every((s) => /^(?:[a-z]+|[A-Z]+|[0-9]+)$/.test(s))) return false;
  // A UUID names a thing (a request, a tenant) far more often than it opens one; under a credential name it is still refused.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return false;
  return shannonEntropy(text) >= RANDOM_MIN_ENTROPY;
}
