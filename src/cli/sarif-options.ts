import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageDocsBase, packageHomepage } from './package-version';
import { VibeInputError } from '../contract/errors';
import { repositoryRoot } from '../io/find-up';
import type { SarifOptions } from '../review/report/sarif';

export interface SarifFlags {
  /** The folder SARIF paths are relative to. @default - the git root above the working folder, else the working folder */
  readonly sarifRoot?: string;
}

/**
 * SARIF for code scanning names files relative to the repository root (the folder upload-sarif
 * runs in is not always it): `--sarif-root`, else the nearest folder above holding `.git`.
 */
export function sarifOptions(flags: SarifFlags): SarifOptions {
  return {
    root: flags.sarifRoot === undefined ? repositoryRoot() : folder(flags.sarifRoot),
    docsBase: packageDocsBase(),
    informationUri: packageHomepage(),
  };
}

function folder(dir: string): string {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw VibeInputError.single('--sarif-root', `"${dir}" is not a folder; give the repository root the SARIF paths are relative to. Example: --sarif-root .`);
  }
  return path.resolve(dir);
}
