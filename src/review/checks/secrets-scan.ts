import type { ManifestObject } from '../../manifests/manifest-object';
import type { LogLine, ReviewContext } from '../context';
import type { DockerfileSetting, ParsedDockerfile } from '../dockerfile';
import { beginScanTexts, type SecretHit, lastAtOrBefore } from '../secrets/scanner';
import { textOf } from '../text';
import { mapsOf } from '../values';
import type { ContainerRef } from '../workloads';

/** A hit in a log sample, with the log line it is on. */
export interface LogHit {
  readonly hit: SecretHit;
  readonly line: LogLine;
}

/** What the secret scanner found in one review, by where it was found. */
export interface ReviewScan {
  /** ConfigMap → data key → hits in its value (E2). */
  readonly configMaps: ReadonlyMap<ManifestObject, ReadonlyMap<string, readonly SecretHit[]>>;
  /** A container's env entry (the object itself) → hits in its plain `value` (E5). */
  readonly env: ReadonlyMap<object, readonly SecretHit[]>;
  /** A Dockerfile ENV/ARG setting → hits in its value (E3). */
  readonly dockerfile: ReadonlyMap<DockerfileSetting, readonly SecretHit[]>;
  /** Every hit in the log samples, in source and line order (G6). */
  readonly logs: readonly LogHit[];
}

/** Log samples bigger than this are scanned up to it (a sample is the recent lines, not an archive). */
const MAX_LOG_CHARS = 32 * 1024 * 1024;

/** The texts the scan reads, as the first phase of a review has gathered them. */
export interface ScanSources {
  readonly configMaps: readonly ManifestObject[];
  readonly containers: readonly ContainerRef[];
  readonly dockerfiles: readonly ParsedDockerfile[];
  readonly logs: readonly LogLine[];
}

/**
 * The secret scan is a fact of the review like the others, gathered by the ReviewContext when it
 * is made; a scan that failed is kept as its error and thrown by the check that reads it (so the
 * report says "check E2 failed to run", as for any other broken step).
 */
export function reviewScan(context: ReviewContext): ReviewScan {
  if (context.secretScan instanceof Error) throw context.secretScan;
  return context.secretScan;
}

/**
 * Starts the scan of every text the secrets and logging checks look at — ConfigMap values, plain
 * env values, Dockerfile ENV/ARG values, log samples — in ONE scanner call per review: secretlint
 * scans in its worker while the caller gathers the other facts, and the returned function waits
 * for what is left and returns the hits by place, for E2, E3, E5 and G6.
 */
/**
 * Hits by text, for texts scanned already. The review of a set of many apps scans every app's
 * texts in one call (scanTextsOfSet) and each app's review takes its hits from here, instead of
 * one call to the worker per app; a text's hits do not depend on the texts scanned with it.
 */
export type ScannedTexts = Map<string, readonly SecretHit[]>;

/** Scans the texts of every app of a set at once, for their reviews to read (see ScannedTexts). */
export function scanTextsOfSet(sources: ScanSources): ScannedTexts {
  const scanned: ScannedTexts = new Map();
  beginReviewScan(sources, scanned)();
  return scanned;
}

/**
 * @param scanned texts scanned already: their hits are taken from it, and what this scan finds is
 * added to it. @default - every text is scanned
 */
export function beginReviewScan(sources: ScanSources, scanned?: ScannedTexts): () => ReviewScan {
  const texts: string[] = [];
  // Each distinct text is scanned once and its hits go to every place that holds it: a set of
  // many apps repeats the same values (nginx.conf, LOG_LEVEL) in every app.
  const owners: ((hit: SecretHit) => void)[][] = [];
  const indexOf = new Map<string, number>();
  const add = (text: string, owner: (hit: SecretHit) => void) => {
    if (text.length === 0) return;
    const index = indexOf.get(text);
    if (index !== undefined) {
      owners[index].push(owner);
      return;
    }
    indexOf.set(text, texts.length);
    texts.push(text);
    owners.push([owner]);
  };
  const push = <K>(map: Map<K, SecretHit[]>, key: K, hit: SecretHit) => {
    const list = map.get(key);
    if (list) list.push(hit);
    else map.set(key, [hit]);
  };

  const configMaps = new Map<ManifestObject, Map<string, SecretHit[]>>();
  for (const manifest of sources.configMaps) {
    const data = manifest.object.data;
    if (!data || typeof data !== 'object') continue;
    const byKey = new Map<string, SecretHit[]>();
    configMaps.set(manifest, byKey);
    for (const [key, value] of Object.entries(data)) {
      if (value === null || typeof value === 'object') continue;
      add(textOf(value), (hit) => push(byKey, key, hit));
    }
  }

  const env = new Map<object, SecretHit[]>();
  for (const { container } of sources.containers) {
    for (const entry of mapsOf(container.env)) {
      if (typeof entry.value === 'string' || typeof entry.value === 'number') add(textOf(entry.value), (hit) => push(env, entry, hit));
    }
  }

  const dockerfile = new Map<DockerfileSetting, SecretHit[]>();
  for (const parsed of sources.dockerfiles) {
    for (const setting of parsed.settings) {
      if (setting.value) add(setting.value, (hit) => push(dockerfile, setting, hit));
    }
  }

  // One text per log source, so a secret that spans lines (a private key) is seen whole.
  const logs: LogHit[] = [];
  const bySource = new Map<string, LogLine[]>();
  let logChars = 0;
  for (const line of sources.logs) {
    if (logChars > MAX_LOG_CHARS) break;
    logChars += line.text.length + 1;
    const list = bySource.get(line.source);
    if (list) list.push(line);
    else bySource.set(line.source, [line]);
  }
  for (const lines of bySource.values()) {
    const starts: number[] = [];
    let offset = 0;
    for (const line of lines) {
      starts.push(offset);
      offset += line.text.length + 1;
    }
    add(
      lines.map((l) => l.text).join('\n'),
      (hit) => logs.push({ hit, line: lines[lastAtOrBefore(starts, hit.offset)] }),
    );
  }

  const known = texts.map((text) => scanned?.get(text));
  const toScan = texts.flatMap((text, i) => (known[i] === undefined ? [{ id: String(i), text }] : []));
  const hitsOf = toScan.length > 0 ? beginScanTexts(toScan) : () => [];
  return () => {
    const found = new Map<number, SecretHit[]>();
    for (const hit of hitsOf()) {
      const index = Number(hit.id);
      const list = found.get(index);
      if (list) list.push(hit);
      else found.set(index, [hit]);
    }
    // Text by text, as one scan of them all would deliver them (by text, then by position).
    texts.forEach((text, index) => {
      const cached = known[index];
      const hits = cached === undefined ? found.get(index) ?? [] : cached.map((hit) => ({ ...hit, id: String(index) }));
      if (cached === undefined) scanned?.set(text, hits);
      for (const hit of hits) for (const owner of owners[index]) owner(hit);
    });
    return { configMaps, env, dockerfile, logs };
  };
}
