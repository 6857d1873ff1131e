import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENTS_FILE, agentsMd } from './agents-md';
import { contractKit } from './kits';
import { NODE_KIT_DEPENDENCIES, NODE_START_SCRIPT } from './kits/node-kit';
import type { ScaffoldFile } from './scaffold';
import type { AppModel } from '../contract/app-model';

/**
 * The app's half of the contract in a new repository: the runtime's contract kit (its sample
 * app only when the folder has no app yet) and AGENTS.md. Every file is created only when
 * absent: `vibe init . --force` never replaces the creator's code.
 */
export function contractFiles(model: AppModel, target: string): ScaffoldFile[] {
  const kit = contractKit(model);
  const files: ScaffoldFile[] = [];
  if (kit) {
    const sample = !hasOwnApp(model, target);
    for (const file of kit.files) {
      if (file.role === 'sample' && !sample) continue;
      files.push({ path: file.path, text: file.text, existing: 'keep' });
    }
  }
  files.push({ path: AGENTS_FILE, text: agentsMd(model, kit), existing: 'write-beside' });
  return files;
}

/** What package.json gains for the Node.js kit: its libraries, and a start script for the sample app. */
export function kitPackageJson(model: AppModel): { dependencies: Record<string, string>; scripts: Record<string, string> } {
  if (!model.answers.runtime.startsWith('node')) return { dependencies: {}, scripts: {} };
  return { dependencies: { ...NODE_KIT_DEPENDENCIES }, scripts: { start: NODE_START_SCRIPT } };
}

/** Where an app of each language already lives: any of these means the folder has one. */
const APP_MARKERS: Readonly<Record<string, readonly string[]>> = {
  node: [],
  python: ['app', 'main.py', 'app.py', 'pyproject.toml'],
  go: ['main.go', 'cmd'],
  jvm: ['pom.xml', 'build.gradle', 'build.gradle.kts', 'src/main'],
  rust: ['Cargo.toml', 'src/main.rs'],
  php: ['public', 'composer.json'],
};

function hasOwnApp(model: AppModel, target: string): boolean {
  const runtime = model.answers.runtime;
  if (runtime.startsWith('node')) {
    // A Node app is one whose package.json says how to start it.
    try {
      return typeof JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'))?.scripts?.start === 'string';
    } catch {
      return false;
    }
  }
  const language = Object.keys(APP_MARKERS).find((l) => runtime.startsWith(l)) ?? '';
  return (APP_MARKERS[language] ?? []).some((marker) => fs.existsSync(path.join(target, marker)));
}
