import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { ManifestObject } from '../../src/manifests/manifest-object';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { readSealingKeyFile, sealingKeyModulusBytes } from '../../src/seal/certificate';

/**
 * The synthesized, sealed Inventory Checker example (test/golden/inventory-checker), which
 * `vibe review` passes with exit 0, as plain objects to break on purpose. Shared by the fault
 * injection, the article's first review, the fuzz tests and the cdk8s plugin test.
 */

export const ROOT = path.resolve(__dirname, '..', '..');
export const GOLDEN_DIR = path.join(ROOT, 'test', 'golden', 'inventory-checker');
export const EXAMPLE_CERT = path.join(ROOT, 'examples', 'inventory-checker', 'sealed-secrets-cert.pem');
export const APP_NAMESPACE = 'platform-vibe-inventory-checker';
export const APP_NAME = 'Inventory Checker';

/** The size of the example controller's key (512 bytes, RSA 4096), as `vibe review --cert` reads it for E7. */
export function exampleSealingKeyBytes(): number {
  return sealingKeyModulusBytes(readSealingKeyFile(EXAMPLE_CERT));
}

/** A manifest set as files of plain objects, in apply order, to mutate and then review or write. */
export class ManifestSet {
  /** The golden example, freshly parsed (every call returns objects of its own). */
  static golden(): ManifestSet {
    const files = new Map<string, Record<string, any>[]>();
    for (const name of fs.readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.yaml')).sort()) {
      const documents = parseAllDocuments(fs.readFileSync(path.join(GOLDEN_DIR, name), 'utf8'));
      files.set(name, (Array.isArray(documents) ? documents : [documents]).map((d) => d.toJS()).filter((o) => o !== null && o !== undefined));
    }
    return new ManifestSet(files);
  }

  private constructor(private readonly files: Map<string, Record<string, any>[]>) {}

  /** Every object with the file it is in. */
  entries(): { file: string; object: Record<string, any> }[] {
    return [...this.files].flatMap(([file, objects]) => objects.map((object) => ({ file, object })));
  }

  /** The one object of this kind (and name); throws when there is none, so a fault never silently misses. */
  get(kind: string, name?: string): Record<string, any> {
    const found = this.entries().find(({ object }) => object.kind === kind && (name === undefined || object.metadata?.name === name));
    if (!found) throw new Error(`the example has no ${kind}${name ? `/${name}` : ''}`);
    return found.object;
  }

  /** `inventory-checker-<suffix>` Deployment. */
  deployment(suffix: string): Record<string, any> {
    return this.get('Deployment', `inventory-checker-${suffix}`);
  }

  /** The pod spec of `inventory-checker-<suffix>`. */
  podSpec(suffix: string): Record<string, any> {
    return this.deployment(suffix).spec.template.spec;
  }

  /** The first container of `inventory-checker-<suffix>` (the app's is "app"). */
  container(suffix: string): Record<string, any> {
    return this.podSpec(suffix).containers[0];
  }

  remove(kind: string, name: string): this {
    for (const [file, objects] of this.files) {
      const index = objects.findIndex((o) => o.kind === kind && o.metadata?.name === name);
      if (index >= 0) {
        objects.splice(index, 1);
        if (objects.length === 0) this.files.delete(file);
        return this;
      }
    }
    throw new Error(`the example has no ${kind}/${name} to remove`);
  }

  /** Appends an object to a file (created when new; files are applied in name order). */
  add(file: string, object: Record<string, any>): this {
    const objects = this.files.get(file);
    if (objects) objects.push(object);
    else this.files.set(file, [object]);
    return this;
  }

  /** File name → YAML text, in name order. */
  texts(): Map<string, string> {
    return new Map(
      [...this.files]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([file, objects]) => [file, objects.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n')]),
    );
  }

  /** The set as the review gate reads it: parsed with file and line, files named `<dir>/<file>`. */
  manifests(dir = 'k8s'): ManifestObject[] {
    return [...this.texts()].flatMap(([file, text]) => parseManifests(text, `${dir}/${file}`));
  }

  /** Writes the set into a folder (created), one file per entry. */
  write(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, text] of this.texts()) fs.writeFileSync(path.join(dir, file), text);
    return dir;
  }
}
