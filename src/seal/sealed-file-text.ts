import { VibeInputError } from '../contract/errors';
import type { Document } from '../shared-yaml';

/**
 * The text of a sealed file, as Kubernetes will read it. The API server and kubectl read YAML 1.1,
 * where a plain `on`, `yes`, `n`, `off`, `y`, `1_000` or `0123` is not a string: a Secret key `on`
 * written plainly decrypts as `true`. So the document is written with the YAML 1.1 schema, which
 * quotes every string that 1.1 would read as something else. A file that was JSON (kubeseal's
 * default output format) stays JSON.
 */

/**
 * The largest sealed file read or written: what the API server takes in one request (etcd's
 * default 1.5 MiB). A Secret holds at most 1 MiB, which sealing grows by about a third; `vibe
 * seal` reads at most 1 MiB of plaintext, so whatever it writes it can read again.
 */
export const MAX_SEALED_FILE_BYTES = 1536 * 1024;

/** True when a sealed file's text is JSON rather than YAML (kubeseal writes JSON unless told `--format yaml`). */
export function isJsonText(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** The document's text: YAML 1.1-safe, or JSON (two-space indent, as kubeseal writes it) when `json`. */
export function sealedFileText(document: Document, options: { readonly json?: boolean; readonly file?: string } = {}): string {
  let text: string;
  if (options.json) {
    text = `${JSON.stringify(document.toJS(), null, 2)}\n`;
  } else {
    document.setSchema('1.1');
    text = document.toString({ lineWidth: 0 });
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SEALED_FILE_BYTES) {
    throw VibeInputError.single(
      options.file ?? 'output',
      `would be ${bytes} bytes; a sealed file is at most ${MAX_SEALED_FILE_BYTES} bytes (what the API server accepts in one object). Split the values into two Secrets.`,
    );
  }
  return text;
}
