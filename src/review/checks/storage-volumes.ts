import { imageName, type ReviewContext } from '../context';
import type { ContainerRef, Workload } from '../workloads';
import { asList, isMap, namespaceOf } from './ports';
import { textOf } from '../text';

/** Volumes, data directories and init-container commands, as the storage checks (D1–D4) read them. */

/** A PersistentVolumeClaim a pod mounts. */
export interface MountedClaim {
  /** The volume name in the pod. */
  readonly volume: string;
  /** The claim name; for a StatefulSet template, the template's name. */
  readonly claimName: string;
  /** True for a StatefulSet volumeClaimTemplate (the claim is defined by the workload itself). */
  readonly template: boolean;
}

function volumesOf(workload: Workload): Map<string, Record<string, any>> {
  const volumes = new Map<string, Record<string, any>>();
  for (const volume of asList(workload.podSpec.volumes)) if (isMap(volume) && typeof volume.name === 'string') volumes.set(volume.name, volume);
  return volumes;
}

function claimTemplatesOf(workload: Workload): Set<string> {
  if (workload.manifest.kind !== 'StatefulSet') return new Set();
  return new Set(asList(workload.manifest.object.spec?.volumeClaimTemplates).map((t) => t?.metadata?.name).filter((n): n is string => typeof n === 'string'));
}

function mountsOf(ref: ContainerRef): Record<string, any>[] {
  return asList(ref.container.volumeMounts).filter(isMap);
}

/** Every PVC some container of the pod mounts (a claim declared but mounted nowhere holds no data). */
export function mountedClaims(workload: Workload): MountedClaim[] {
  const volumes = volumesOf(workload);
  const templates = claimTemplatesOf(workload);
  const mounted = new Set(workload.containers.flatMap((ref) => mountsOf(ref).map((m) => m.name)).filter((n): n is string => typeof n === 'string'));
  const claims: MountedClaim[] = [];
  for (const name of mounted) {
    const volume = volumes.get(name);
    const claimName = volume?.persistentVolumeClaim?.claimName;
    if (typeof claimName === 'string') claims.push({ volume: name, claimName, template: false });
    else if (!volume && templates.has(name)) claims.push({ volume: name, claimName: name, template: true });
  }
  return claims;
}

/** The volume behind a directory of a container. */
export interface VolumeAt {
  readonly name: string;
  /** `emptyDir`, `persistentVolumeClaim`, `a volume that is not defined`… */
  readonly source: string;
  readonly persistent: boolean;
}

function trimSlash(dir: string): string {
  return dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
}

/** The volume mounted at `dir` or at the closest parent of it, if any. */
export function volumeAt(workload: Workload, ref: ContainerRef, dir: string): VolumeAt | undefined {
  const target = trimSlash(dir);
  const covering = mountsOf(ref)
    .filter((m) => typeof m.mountPath === 'string' && typeof m.name === 'string')
    .filter((m) => {
      const mount = trimSlash(m.mountPath);
      return target === mount || target.startsWith(mount === '/' ? '/' : `${mount}/`);
    })
    .sort((a, b) => trimSlash(b.mountPath).length - trimSlash(a.mountPath).length)[0];
  if (!covering) return undefined;
  const volume = volumesOf(workload).get(covering.name);
  if (!volume) {
    const template = claimTemplatesOf(workload).has(covering.name);
    return { name: covering.name, source: template ? 'volumeClaimTemplate' : 'a volume that is not defined', persistent: template };
  }
  const source = Object.keys(volume).find((key) => key !== 'name') ?? 'emptyDir';
  return { name: covering.name, source, persistent: source === 'persistentVolumeClaim' };
}

/** The command line of a container as one text. */
function commandLine(container: Record<string, any>): string {
  return [...asList(container.command), ...asList(container.args)].map(textOf).join(' ');
}

/** Plain `env` values by name. */
function plainEnv(container: Record<string, any>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of asList(container.env)) if (typeof entry?.name === 'string' && typeof entry.value === 'string') env[entry.name] = entry.value;
  return env;
}

function flag(text: string, name: string): string | undefined {
  return new RegExp(`--${name}[\\s=]+["']?([^\\s"']+)`).exec(text)?.[1];
}

/** The words of a command line: argv items, and the words of the shell scripts among them, quotes removed. */
function words(container: Record<string, any>): string[] {
  return [...asList(container.command), ...asList(container.args)]
    .map(textOf)
    .flatMap((item) => (/\s/.test(item) ? item.split(/\s+/).filter(Boolean) : [item]))
    .map((word) => word.replace(/^["']+|["']+$/g, '').replace(/^(''|"")$/, ''));
}

/**
 * Redis keeps data when append-only is on or RDB snapshots have a schedule; `--save ''` turns
 * snapshots off. A redis started without either setting is read as a cache (no persistence).
 */
function redisPersists(container: Record<string, any>): boolean {
  const list = words(container);
  return list.some((word, index) => {
    const next = list[index + 1];
    if (word === '--appendonly' || word === 'appendonly') return next === 'yes';
    if (word === '--save') return next !== undefined && next !== '' && !next.startsWith('-');
    return false;
  });
}

/**
 * The data directory of a stateful container, from its image and settings: postgres (PGDATA, else
 * /var/lib/postgresql/data), mongo (--dbpath, else /data/db), mysql/mariadb (--datadir, else
 * /var/lib/mysql), rabbitmq (/var/lib/rabbitmq), redis only with persistence (--dir, else /data).
 */
export function dataDirOf(workload: Workload): { container: ContainerRef; dir: string; setBy?: string } | undefined {
  for (const ref of workload.containers.filter((r) => r.role === 'main')) {
    const image = imageName(textOf(ref.container.image ?? ''));
    const text = commandLine(ref.container);
    const env = plainEnv(ref.container);
    const found = (setting: string | undefined, settingName: string, fallback: string) => ({
      container: ref,
      dir: setting ?? fallback,
      ...(setting ? { setBy: settingName } : {}),
    });
    if (/^(postgres|postgresql)$/.test(image)) return found(env.PGDATA, 'PGDATA', '/var/lib/postgresql/data');
    if (/^(mongo|mongodb)$/.test(image)) return found(flag(text, 'dbpath'), '--dbpath', '/data/db');
    if (/^(mysql|mariadb)$/.test(image)) return found(flag(text, 'datadir'), '--datadir', '/var/lib/mysql');
    if (/^rabbitmq$/.test(image)) return found(undefined, '', '/var/lib/rabbitmq');
    if (/^(redis|redis-stack|valkey)$/.test(image) && redisPersists(ref.container)) return found(flag(text, 'dir'), '--dir', '/data');
  }
  return undefined;
}

/**
 * What an init container runs and is told: its command and arguments, its plain env values and
 * the ConfigMap values it reads (through configMapKeyRef or envFrom), so `nc -z $(DB_HOST) 5432`
 * with DB_HOST in the ConfigMap still names the database.
 */
export function initWaitText(context: ReviewContext, workload: Workload, ref: ContainerRef): string {
  const namespace = namespaceOf(context, workload.manifest);
  const configMap = (name: unknown) =>
    typeof name === 'string' ? context.named('ConfigMap', namespace, name) : undefined;
  const parts = [commandLine(ref.container), ...Object.values(plainEnv(ref.container))];
  for (const entry of asList(ref.container.env)) {
    const selector = entry?.valueFrom?.configMapKeyRef;
    const value = configMap(selector?.name)?.object.data?.[selector?.key];
    if (typeof value === 'string') parts.push(value);
  }
  for (const source of asList(ref.container.envFrom)) {
    const data = configMap(source?.configMapRef?.name)?.object.data;
    if (isMap(data)) parts.push(...Object.values(data).filter((v): v is string => typeof v === 'string'));
  }
  return parts.join('\n');
}
