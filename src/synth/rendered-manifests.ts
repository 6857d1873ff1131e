import type { ManifestObject } from '../manifests/manifest-object';

/** What a synthesized file holds: its name, its objects and its text (see VibeApp.render). */
export interface RenderedFileLike {
  readonly name: string;
  readonly objects: readonly any[];
  readonly text: string;
}

/**
 * Synthesized objects as the review gate and the evaluator read them, with the line each one
 * starts on in its file, without parsing the YAML back.
 */
export function renderedManifests(files: readonly RenderedFileLike[]): ManifestObject[] {
  const manifests: ManifestObject[] = [];
  for (const file of files) {
    const starts = documentStartLines(file.text);
    file.objects.forEach((object, index) => {
      manifests.push({
        object,
        file: file.name,
        line: starts[index] ?? 1,
        apiVersion: String(object.apiVersion ?? ''),
        kind: String(object.kind ?? ''),
        name: String(object.metadata?.name ?? ''),
        ...(object.metadata?.namespace ? { namespace: String(object.metadata.namespace) } : {}),
      });
    });
  }
  return manifests;
}

/** 1-based first line of each document: after the leading comments, then after each `---`. */
function documentStartLines(text: string): number[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let expectingStart = true;
  lines.forEach((line, i) => {
    if (line === '---') {
      expectingStart = true;
      return;
    }
    if (expectingStart && line !== '' && !line.startsWith('#')) {
      starts.push(i + 1);
      expectingStart = false;
    }
  });
  return starts;
}
