import * as fs from 'node:fs';
import { VibeInputError } from '../../contract/errors';
import { loadManifests } from '../../manifests/load-manifests';

/**
 * The manifest files a fix edits, with their text: the files and folders given, read as `vibe
 * review` reads them (folders walked, non-manifests skipped). Standard input cannot be fixed in place.
 */
export function readFixFiles(paths: readonly string[]): { path: string; text: string }[] {
  if (paths.includes('-')) throw VibeInputError.single('paths', 'cannot fix standard input (-) in place. Give the manifest files or folder, e.g. vibe review --fix k8s/');
  const files = [...new Set(loadManifests(paths).map((manifest) => manifest.file))];
  return files.map((path) => ({ path, text: fs.readFileSync(path, 'utf8') }));
}
