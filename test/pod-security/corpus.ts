import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { POD_SECURITY_CONTROLS, type PodSecurityLevel } from '../../src/review/pod-security';
import { CORPUS_ROOT, corpusPath } from '../helpers/corpus';

/**
 * The Pod Security Admission fixtures (k8s.io/pod-security-admission test/testdata), third-party
 * data beside the repository: `<repo>/../shared/corpus/pod-security`. Each `fail/` pod breaks one
 * control, named by the file (`restrictedvolumes3.yaml`); each `pass/` pod is admitted.
 */
export const CORPUS_DIR = path.join(CORPUS_ROOT, 'pod-security', 'test', 'testdata');

export interface CorpusFixture {
  readonly level: PodSecurityLevel;
  /** `1.28`. */
  readonly version: string;
  readonly expected: 'pass' | 'fail';
  readonly file: string;
  /** For a fail fixture: the control it breaks, as admission names it (`restrictedVolumes`). */
  readonly control?: string;
}

/** Why the corpus cannot be used, or `undefined` when it can (throws under VIBE_REQUIRE_CORPUS=1). */
export function corpusMissing(suite: string): string | undefined {
  return corpusPath(path.join('pod-security', 'test', 'testdata'), suite) ? undefined : `the Pod Security Admission fixtures are not at ${CORPUS_DIR}`;
}

/** Every fixture, per level and version folder present. */
export function corpusFixtures(): CorpusFixture[] {
  const fixtures: CorpusFixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    const levelDir = path.join(CORPUS_DIR, level);
    if (!fs.existsSync(levelDir)) continue;
    for (const versionDir of fs.readdirSync(levelDir).sort()) {
      const version = versionDir.replace(/^v/, '');
      for (const expected of ['pass', 'fail'] as const) {
        const dir = path.join(levelDir, versionDir, expected);
        if (!fs.existsSync(dir)) continue;
        for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
          const file = path.join(dir, name);
          fixtures.push({ level, version, expected, file, control: expected === 'fail' ? controlOfFixture(name) : undefined });
        }
      }
    }
  }
  return fixtures;
}

/** `capabilities_baseline2.yaml` → `capabilities_baseline`: the fixture generator names files by check id, lowercased. */
export function controlOfFixture(name: string): string {
  const stem = name.replace(/\d*\.yaml$/, '');
  const control = POD_SECURITY_CONTROLS.find((c) => c.id.toLowerCase() === stem);
  if (!control) throw new Error(`fixture ${name} names no control of the module (${stem})`);
  return control.id;
}

export function readPod(file: string): Record<string, any> {
  return parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, any>;
}
