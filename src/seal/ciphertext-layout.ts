/**
 * The byte layout of a Bitnami sealed value, shared by sealing and by the checks that look at a
 * value without being able to decrypt it (the sealed file loader, the review gate's E7):
 *
 *   u16 big-endian length of the RSA block ‖ RSA-OAEP block ‖ AES-256-GCM ciphertext ‖ 16-byte tag
 *
 * and the whole is written as standard base64 with padding.
 */

export const LENGTH_PREFIX_BYTES = 2;
export const GCM_TAG_BYTES = 16;

/** Standard alphabet, padded, no whitespace: what the controller's base64.StdEncoding accepts. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Joins the parts into the sealed bytes. */
export function layoutSealedBytes(rsaBlock: Buffer, gcmCiphertextWithTag: Buffer): Buffer {
  const prefix = Buffer.alloc(LENGTH_PREFIX_BYTES);
  prefix.writeUInt16BE(rsaBlock.length, 0);
  return Buffer.concat([prefix, rsaBlock, gcmCiphertextWithTag]);
}

export type SealedValueInspection = { readonly ok: true; readonly rsaLength: number } | { readonly ok: false; readonly reason: string };

/**
 * Checks that a string has the shape of a sealed value: strict base64, a length prefix, and at
 * least that many RSA bytes followed by a GCM tag. It cannot tell which key sealed it; the
 * review gate compares `rsaLength` with the cluster key's modulus size for that.
 */
export function inspectSealedValue(base64: string): SealedValueInspection {
  if (typeof base64 !== 'string' || base64.length === 0) return { ok: false, reason: 'is empty; a sealed value is the base64 text vibe seal prints' };
  if (!STRICT_BASE64.test(base64)) {
    return { ok: false, reason: 'is not standard base64 (A-Z a-z 0-9 + / with "=" padding, no spaces or line breaks); it is not a sealed value' };
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < LENGTH_PREFIX_BYTES) return { ok: false, reason: `is ${bytes.length} byte long; a sealed value starts with a 2-byte length` };
  const rsaLength = bytes.readUInt16BE(0);
  if (rsaLength === 0) return { ok: false, reason: 'declares an empty RSA block; it is not a sealed value' };
  const needed = LENGTH_PREFIX_BYTES + rsaLength + GCM_TAG_BYTES;
  if (bytes.length < needed) {
    return { ok: false, reason: `declares a ${rsaLength}-byte RSA block but holds only ${bytes.length} bytes (at least ${needed} expected); it is truncated or not a sealed value` };
  }
  return { ok: true, rsaLength };
}
