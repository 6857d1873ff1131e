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
export function beginReviewScan(sources: ScanSources): () => ReviewScan {
  const texts: string[] = [];
  const owners: ((hit: SecretHit) => void)[] = [];
  const add = (text: string, owner: (hit: SecretHit) => void) => {
    if (text.length === 0) return;
    texts.push(text);
    owners.push(owner);
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

  const hitsOf = beginScanTexts(texts.map((text, i) => ({ id: String(i), text })));
  return () => {
    for (const hit of hitsOf()) owners[Number(hit.id)](hit);
    return { configMaps, env, dockerfile, logs };
  };
}
