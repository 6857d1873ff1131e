import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VibeApp, type RenderedFile, type VibeAppProps } from '../../src';
import { RECORD_FILE } from '../../src/io/file-set';
import type { ManifestObject } from '../../src/manifests/manifest-object';
import { parseManifests } from '../../src/manifests/parse-manifests';

export const WEB_APP: VibeAppProps = {
  slug: 'inventory-checker',
  name: 'Inventory Checker',
  image: { repository: 'inventory-checker-app', tag: 'a3f91bc' },
  size: 'md',
  components: { nginx: true },
  ingress: { enabled: true, tls: true },
};

export function tempDir(prefix = 'vibe-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Renders an app in memory (nothing written). */
export function render(props: Partial<VibeAppProps> & Pick<VibeAppProps, 'slug' | 'image'> = WEB_APP): RenderedFile[] {
  return new VibeApp({ outdir: path.join(os.tmpdir(), 'vibe-unused'), ...props }).render();
}

export function objectsOf(files: readonly RenderedFile[]): any[] {
  return files.flatMap((f) => f.objects);
}

export function find(files: readonly RenderedFile[], kind: string, name?: string): any {
  const match = objectsOf(files).find((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (!match) throw new Error(`no ${kind}${name ? ` named ${name}` : ''} in the output`);
  return match;
}

/** Every pod template in the output, with the workload it belongs to. */
export function podTemplates(files: readonly RenderedFile[]): { owner: string; spec: any; metadata: any }[] {
  return objectsOf(files)
    .filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind))
    .map((o) => ({ owner: `${o.kind}/${o.metadata.name}`, spec: o.spec.template.spec, metadata: o.spec.template.metadata }));
}

/** Reads a synthesized folder into name → text. */
export function readFolder(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter((name) => name !== RECORD_FILE) // vibe's note of what it wrote, not a manifest
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]),
  );
}

/** Synthesized files as the review gate reads them: parsed manifests with file and line. */
export function manifestsOf(files: readonly RenderedFile[]): ManifestObject[] {
  return files.flatMap((f) => parseManifests(f.text, f.name));
}
