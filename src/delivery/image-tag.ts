/**
 * The one place the deployed image tag lives in a creator's repository: `image-tag.json`,
 * `{ "tag": "<commit SHA>" }`. main.ts imports it (`import { tag } from './image-tag.json'`),
 * CI writes it in its workspace before the review (so the gate sees the image it is about to
 * push) and CD writes and commits it after a green build. Nobody edits TypeScript with sed, and
 * the answers in main.ts stay the creator's own.
 *
 * JSON rather than YAML or text: TypeScript imports it with no helper and no extra line, the
 * compiler types it, and a shell writes it with one printf (the SHA is hex, nothing to escape).
 */
export const IMAGE_TAG_FILE = 'image-tag.json';

/**
 * The tag before CI has built anything: valid for synth (seven hex digits), and plainly not a
 * real commit. CI and CD replace it with the SHA they built.
 */
export const PLACEHOLDER_TAG = '0000000';

/** The file's exact text for a tag; the CD workflow's printf writes the same bytes. */
export function imageTagFileText(tag: string): string {
  return `{\n  "tag": "${tag}"\n}\n`;
}

/**
 * Shell lines that write the file for `$TAG`, byte for byte what `imageTagFileText` returns.
 * Used by both workflows so there is one writer.
 */
export function writeImageTagScript(variable = 'TAG'): string {
  return `printf '{\\n  "tag": "%s"\\n}\\n' "$${variable}" > ${IMAGE_TAG_FILE}`;
}
