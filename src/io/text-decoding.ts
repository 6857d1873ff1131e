/**
 * Bytes of a text file as kubectl reads them (k8s.io/cli-runtime's FileVisitor decodes through
 * `unicode.BOMOverride(unicode.UTF8.NewDecoder())`): a UTF-8, UTF-16LE or UTF-16BE byte order
 * mark says the encoding and is dropped; without one the bytes are UTF-8. `undefined` for a
 * file that is binary: NUL characters after decoding.
 * @see https://pkg.go.dev/golang.org/x/text/encoding/unicode#BOMOverride
 */
export function decodeText(bytes: Buffer): string | undefined {
  let text: string;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {text = bytes.subarray(3).toString('utf8');} else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {text = bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le');} else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {text = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le');} else {
    if (bytes.includes(0)) return undefined;
    text = bytes.toString('utf8');
  }
  return text.includes('\u0000') ? undefined : text;
}
