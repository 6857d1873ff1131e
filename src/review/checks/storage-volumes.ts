import { componentOfImage, defaultDataPath, type DataDirectory } from '../../components/catalogue';
import type { ReviewContext } from '../context';
import { textOf } from '../text';
import type { ContainerRef, Workload } from '../workloads';
import { namespaceOf } from './ports';
import { asList, asMap, isMap, mapsOf, textField, type ManifestMap } from '../values';

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

function volumesOf(workload: Workload): Map<string, ManifestMap> {
  const volumes = new Map<string, ManifestMap>();
  for (const volume of mapsOf(workload.podSpec.volumes)) if (typeof volume.name === 'string') volumes.set(volume.name, volume);
  return volumes;
}

function claimTemplatesOf(workload: Workload): Set<string> {
  if (workload.manifest.kind !== 'StatefulSet') return new Set();
  return new Set(mapsOf(workload.manifest.object.spec?.volumeClaimTemplates).map((t) => asMap(t.metadata).name).filter((n): n is string => typeof n === 'string'));
}

/** A volume mount with its name and path. */
interface Mount {
  readonly name: string;
  readonly mountPath: string;
}

function mountsOf(ref: ContainerRef): Mount[] {
  return mapsOf(ref.container.volumeMounts).flatMap((m) => {
    const name = textField(m, 'name');
    const mountPath = textField(m, 'mountPath');
    return name !== undefined && mountPath !== undefined ? [{ name, mountPath }] : [];
  });
}

/** Names of the volumes some container mounts (a mount without a path included). */
function mountedNames(ref: ContainerRef): string[] {
  return mapsOf(ref.container.volumeMounts).flatMap((m) => (typeof m.name === 'string' ? [m.name] : []));
}

/** Every PVC some container of the pod mounts (a claim declared but mounted nowhere holds no data). */
export function mountedClaims(workload: Workload): MountedClaim[] {
  const volumes = volumesOf(workload);
  const templates = claimTemplatesOf(workload);
  const mounted = new Set(workload.containers.flatMap(mountedNames));
  const claims: MountedClaim[] = [];
  for (const name of mounted) {
    const volume = volumes.get(name);
    const claimName = asMap(volume?.persistentVolumeClaim).claimName;
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
function commandLine(container: ManifestMap): string {
  return [...asList(container.command), ...asList(container.args)].map(textOf).join(' ');
}

/** Plain `env` values by name. */
function plainEnv(container: ManifestMap): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of mapsOf(container.env)) if (typeof entry.name === 'string' && typeof entry.value === 'string') env[entry.name] = entry.value;
  return env;
}

function flag(text: string, name: string): string | undefined {
  return new RegExp(`--${name}[\\s=]+["']?([^\\s"']+)`).exec(text)?.[1];
}

/** The words of a command line: argv items, and the words of the shell scripts among them, quotes removed. */
function words(container: ManifestMap): string[] {
  return [...asList(container.command), ...asList(container.args)]
    .map(textOf)
    .flatMap((item) => (/\s/.test(item) ? item.split(/\s+/).filter(Boolean) : [item]))
    .map((word) => word.replace(/^["']+|["']+$/g, '').replace(/^(''|"")$/, ''));
}

/**
 * Redis keeps data when append-only is on or RDB snapshots have a schedule; `--save ''` turns
 * snapshots off. A redis started without either setting is read as a cache (no persistence).
 */
function redisPersists(container: ManifestMap): boolean {
  const list = words(container);
  return list.some((word, index) => {
    const next = list[index + 1];
    if (word === '--appendonly' || word === 'appendonly') return next === 'yes';
    if (word === '--save') return next !== undefined && next !== '' && !next.startsWith('-');
    return false;
  });
}

/** The first argument after a subcommand (`minio server /data` → `/data`). */
function subcommandArgument(container: ManifestMap, subcommand: string): string | undefined {
  const list = words(container);
  const index = list.indexOf(subcommand);
  const next = index >= 0 ? list[index + 1] : undefined;
  return next && !next.startsWith('-') ? next : undefined;
}

/** Where a container's data directory is moved to, and by what, per the catalogue's DataDirectory. */
function movedDataDir(container: ManifestMap, data: DataDirectory): { dir: string; setBy: string } | undefined {
  const env = data.env ? plainEnv(container)[data.env]?.split(/[,\s]+/)[0] : undefined;
  if (data.env && env) return { dir: env, setBy: data.env };
  const flagged = data.flag ? flag(commandLine(container), data.flag) : undefined;
  if (data.flag && flagged) return { dir: flagged, setBy: `--${data.flag}` };
  const argument = data.subcommand ? subcommandArgument(container, data.subcommand) : undefined;
  if (data.subcommand && argument) return { dir: argument, setBy: `the ${data.subcommand} argument` };
  return undefined;
}

/**
 * The data directory of a stateful container, from the component catalogue: the image's default
 * (postgres /var/lib/postgresql/data, mysql /var/lib/mysql, a bitnami image's own path…) unless
 * the manifest moves it (PGDATA, --dbpath, --datadir, --dir, `minio server <dir>`…); redis only
 * with persistence.
 */
export function dataDirOf(workload: Workload): { container: ContainerRef; dir: string; setBy?: string } | undefined {
  for (const ref of workload.containers.filter((r) => r.role === 'main')) {
    const image = textOf(ref.container.image ?? '');
    const data = componentOfImage(image)?.data;
    if (!data) continue;
    if (data.onlyWithPersistence && !redisPersists(ref.container)) continue;
    const moved = movedDataDir(ref.container, data);
    return moved ? { container: ref, ...moved } : { container: ref, dir: defaultDataPath(data, image) };
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
  for (const entry of mapsOf(ref.container.env)) {
    const selector = asMap(asMap(entry.valueFrom).configMapKeyRef);
    const key = selector.key;
    const value = typeof key === 'string' ? asMap(configMap(selector.name)?.object.data)[key] : undefined;
    if (typeof value === 'string') parts.push(value);
  }
  for (const source of mapsOf(ref.container.envFrom)) {
    const data = configMap(asMap(source.configMapRef).name)?.object.data;
    if (isMap(data)) parts.push(...Object.values(data).filter((v): v is string => typeof v === 'string'));
  }
  return parts.join('\n');
}
