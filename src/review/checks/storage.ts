import * as path from 'node:path';
import { clientPort, componentsWithRole, COMPONENTS, STATEFUL_ROLES } from '../../components/catalogue';
import { referenceOf, type ManifestObject } from '../../manifests/manifest-object';
import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';
import { describeContainer, type ContainerRef, type Workload } from '../workloads';
import { isLongRunning, namespaceOf, refOf, selectedWorkloads, servicePorts } from './ports';
import { isMap } from '../values';
import { dataDirOf, initWaitText, mountedClaims, volumeAt, type MountedClaim } from './storage-volumes';
import { textOf } from '../text';

/**
 * Group D — Storage (CRITICAL). A "database" is a workload of role `database` (postgres, mongo,
 * mysql, mariadb… by image, see the component catalogue, or labelled app.kubernetes.io/component:
 * database). D1, D2 and D4 also look at caches and brokers where they keep data: they are
 * stateful components too.
 */

const DATA_KEEPING_ROLES = STATEFUL_ROLES;

/** `/var/lib/postgresql/data or PGDATA, /data/db or --dbpath, …`: every data directory the catalogue knows. */
const DATA_DIRECTORIES = COMPONENTS.flatMap((c) => {
  if (!c.data) return [];
  const movedBy = [c.data.env, c.data.flag && `--${c.data.flag}`, c.data.subcommand && `${c.data.subcommand} <dir>`].filter(Boolean);
  return [`${c.name} ${c.data.path}${movedBy.length ? ` or ${movedBy.join(', ')}` : ''}${c.data.onlyWithPersistence ? ' with persistence' : ''}`];
}).join('; ');

/** `04-storage.yaml` → 4; undefined for a file name that does not start with a number. */
function fileNumber(file: string): number | undefined {
  const match = /^(\d+)[-_.]/.exec(path.basename(file));
  return match ? Number(match[1]) : undefined;
}

/**
 * True when `later` is applied after `earlier` by `kubectl apply -f <folder>` (files in name
 * order, objects in file order). Undefined when the order cannot be told (file names not numbered).
 */
function appliedBefore(first: ManifestObject, second: ManifestObject): boolean | undefined {
  if (first.file === second.file) return first.line < second.line;
  const a = fileNumber(first.file);
  const b = fileNumber(second.file);
  if (a === undefined || b === undefined) return undefined;
  if (a !== b) return a < b;
  return path.basename(first.file) < path.basename(second.file);
}

function claimNamed(context: ReviewContext, name: string, namespace: string): ManifestObject | undefined {
  return context.named('PersistentVolumeClaim', namespace, name);
}

/** `04-storage.yaml`, or the name the storage file would have beside the workload's file. */
function storageFileFor(workload: Workload): string {
  return fileNumber(workload.manifest.file) === undefined ? 'the manifests' : '04-storage.yaml';
}

/** ` (define it in 04-storage.yaml)` when the set uses numbered files. */
function defineIn(workload: Workload): string {
  return fileNumber(workload.manifest.file) === undefined ? '' : ' (define it in 04-storage.yaml)';
}

export const DATABASE_ON_PVC: Check = {
  id: 'D1',
  slug: 'data-on-claim-defined-first',
  scope: { roles: DATA_KEEPING_ROLES },
  group: 'D',
  title: 'Database data on a PVC defined first',
  severity: 'CRITICAL',
  verifies:
    'Every database mounts a PersistentVolumeClaim (or has a StatefulSet volumeClaimTemplate); every PVC a database, redis or rabbitmq ' +
    'mounts is defined in the set, and is applied before the workload (an earlier numbered file, e.g. 04-storage.yaml before 05-db.yaml, ' +
    'or earlier in the same file).',
  fix: 'Add a PersistentVolumeClaim for the database to 04-storage.yaml and mount it at the data directory.',
  run: (context) => {
    const results: CheckResult[] = [];
    for (const workload of context.workloadsWithRole(...DATA_KEEPING_ROLES)) {
      const isDatabase = context.roleOf(workload) === 'database';
      const claims = mountedClaims(workload);
      if (claims.length === 0) {
        if (!isDatabase) continue;
        const dir = dataDirOf(workload)?.dir ?? 'its data directory';
        results.push(
          fail(
            `${refOf(workload)} is a database with no PersistentVolumeClaim, so its data is lost whenever the pod is replaced — ` +
              `add a PersistentVolumeClaim "${workload.manifest.name}-data" to ${storageFileFor(workload)} and mount it at ${dir}`,
            workload.manifest,
          ),
        );
        continue;
      }
      const problems = claims.flatMap((claim) => claimProblems(context, workload, claim));
      if (problems.length === 0) results.push(pass(workload.manifest));
      else for (const problem of problems) results.push(fail(problem, workload.manifest));
    }
    return results;
  },
};

function claimProblems(context: ReviewContext, workload: Workload, claim: MountedClaim): string[] {
  if (claim.template) return [];
  const pvc = claimNamed(context, claim.claimName, namespaceOf(context, workload.manifest));
  if (!pvc) {
    return [
      `${refOf(workload)} mounts PersistentVolumeClaim "${claim.claimName}" (volume "${claim.volume}"), which is not defined in the manifests — ` +
        `add a PersistentVolumeClaim named ${claim.claimName} to ${storageFileFor(workload)}`,
    ];
  }
  if (appliedBefore(pvc, workload.manifest) === false) {
    const sameFile = pvc.file === workload.manifest.file;
    const where = sameFile
      ? `below ${refOf(workload)} in ${path.basename(pvc.file)}`
      : `in ${path.basename(pvc.file)}, which is applied after ${path.basename(workload.manifest.file)}`;
    const move = sameFile ? `move it above ${refOf(workload)}` : 'move it to 04-storage.yaml';
    return [`${referenceOf(pvc)} is ${where}, so ${refOf(workload)} starts before its volume exists — ${move} so the volume is created first`];
  }
  return [];
}

export const DATABASE_RECREATE: Check = {
  id: 'D2',
  slug: 'database-recreate-strategy',
  scope: { kinds: ['Deployment'], roles: DATA_KEEPING_ROLES },
  group: 'D',
  title: 'Database Deployments use Recreate',
  severity: 'CRITICAL',
  verifies:
    'Every database Deployment (and every redis or rabbitmq Deployment that keeps data on a PVC) sets strategy.type: Recreate, so an update ' +
    'never runs two pods on the same data files.',
  fix: 'Set spec.strategy: { type: Recreate } on the database Deployment.',
  run: (context) =>
    context
      .workloadsWithRole(...DATA_KEEPING_ROLES)
      .filter((w) => w.manifest.kind === 'Deployment' && (context.roleOf(w) === 'database' || mountedClaims(w).length > 0))
      .map((workload) => {
        const type = workload.manifest.object.spec?.strategy?.type;
        if (type === 'Recreate') return pass(workload.manifest);
        const now = type === undefined ? 'RollingUpdate (Kubernetes\' default)' : textOf(type);
        return fail(
          `${refOf(workload)} updates with ${now}, which starts the new pod while the old one still holds the data files — ` +
            'set spec.strategy: { type: Recreate }',
          workload.manifest,
        );
      }),
};

export const APP_WAITS_FOR_DATABASE: Check = {
  id: 'D3',
  slug: 'app-waits-for-database',
  scope: { roles: ['database'] },
  group: 'D',
  title: 'App waits for each database',
  severity: 'CRITICAL',
  verifies:
    'Every long-running app workload has an init container (not a native sidecar) whose command, arguments or environment mention each database: ' +
    'the name of a Service selecting the database pods (or the database workload\'s name).',
  fix: 'Add an init container per database that waits until its port answers, e.g. until (echo > /dev/tcp/<db-service>/<port>); do sleep 2; done.',
  run: (context) => {
    const databases = context.workloadsWithRole('database');
    if (databases.length === 0) return [];
    // Services by the database they select, found once (not per app): the set may hold hundreds of apps.
    const servicesOf = new Map<Workload, ManifestObject[]>();
    for (const service of context.ofKind('Service')) {
      for (const workload of selectedWorkloads(context, service)) {
        const services = servicesOf.get(workload);
        if (services) services.push(service);
        else servicesOf.set(workload, [service]);
      }
    }
    const results: CheckResult[] = [];
    for (const app of context.workloadsWithRole('app').filter(isLongRunning)) {
      const inits = app.containers.filter((ref) => ref.role === 'init' && ref.container.restartPolicy !== 'Always');
      const texts = inits.map((ref) => initWaitText(context, app, ref));
      const problems: string[] = [];
      // An app waits for the databases of its own namespace.
      const databasesHere = context.workloadsIn(namespaceOf(context, app.manifest)).filter((w) => context.roleOf(w) === 'database');
      for (const database of databasesHere) {
        const services = servicesOf.get(database) ?? [];
        const hosts = [...services.map((s) => s.name), database.manifest.name];
        if (texts.some((text) => hosts.some((host) => mentions(text, host)))) continue;
        const host = services[0]?.name ?? database.manifest.name;
        const port = (services[0] && servicePorts(services[0])[0]?.port) ?? defaultPort(context, database);
        problems.push(
          `${refOf(app)} starts without waiting for the database ${refOf(database)} — add an init container that waits for ${host}:${port}, e.g. ` +
            `command: [bash, -c, "until (echo > /dev/tcp/${host}/${port}) 2>/dev/null; do sleep 2; done"]`,
        );
      }
      if (problems.length === 0) results.push(pass(app.manifest));
      else for (const problem of problems) results.push(fail(problem, app.manifest));
    }
    return results;
  },
};

/** True when `host` appears in `text` as a whole host name (`db`, `db:5432`, `db.ns.svc`), not inside another word. */
function mentions(text: string, host: string): boolean {
  return hostPattern(host).test(text);
}

const hostPatterns = new Map<string, RegExp>();

/** The pattern of a host name as a whole word, compiled once per name. */
function hostPattern(host: string): RegExp {
  let pattern = hostPatterns.get(host);
  if (!pattern) {
    const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(^|[^a-z0-9-])${escaped}([^a-z0-9-]|$)`, 'i');
    // Names come from the manifests under review: keep the cache from growing without bound.
    if (hostPatterns.size > 10_000) hostPatterns.clear();
    hostPatterns.set(host, pattern);
  }
  return pattern;
}

/** The catalogue's port of the database (the role's usual one when its image reveals none). */
function defaultPort(context: ReviewContext, database: Workload): number {
  const component = context.componentOf(database) ?? componentsWithRole('database')[0];
  return clientPort(component).port;
}

export const NO_DATA_ON_CONTAINER_FILESYSTEM: Check = {
  id: 'D4',
  slug: 'no-data-on-container-fs',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'D',
  title: 'No data on the container filesystem',
  severity: 'CRITICAL',
  verifies:
    'Every container (init containers included) sets securityContext.readOnlyRootFilesystem: true, and the data directory of every ' +
    `database, cache and broker the component catalogue recognizes (${DATA_DIRECTORIES}) is on a PersistentVolumeClaim.`,
  fix: 'Set readOnlyRootFilesystem: true on every container with an emptyDir for the paths it must write, and mount a PVC at each data directory.',
  run: (context) => {
    const results: CheckResult[] = [];
    for (const workload of context.workloads()) {
      const problems = [...writableRoots(workload), ...dataDirProblems(context, workload)];
      if (problems.length === 0) results.push(pass(workload.manifest));
      else for (const problem of problems) results.push(fail(problem, workload.manifest));
    }
    return results;
  },
};

function writableRoots(workload: Workload): string[] {
  return workload.containers
    .filter((ref) => ref.role !== 'ephemeral' && readOnlyRoot(ref) !== true)
    .map((ref) => {
      const now = readOnlyRoot(ref) === false ? 'sets readOnlyRootFilesystem: false' : 'does not set readOnlyRootFilesystem';
      return (
        `${describeContainer(ref)} ${now}, so it can write to its own filesystem, where anything written is lost on restart — ` +
        'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir at the paths it must write (such as /tmp)'
      );
    });
}

/** The container's own value; the pod securityContext has no such field, so it is not read. */
function readOnlyRoot(ref: ContainerRef): unknown {
  return isMap(ref.container.securityContext) ? ref.container.securityContext.readOnlyRootFilesystem : undefined;
}

function dataDirProblems(context: ReviewContext, workload: Workload): string[] {
  const role = context.roleOf(workload);
  if (!(DATA_KEEPING_ROLES as readonly string[]).includes(role)) return [];
  const data = dataDirOf(workload);
  if (!data) {
    // A database whose image is unknown: at least one of its volumes must be a PVC.
    if (role === 'database' && mountedClaims(workload).length === 0) {
      return [`${refOf(workload)} is a database that mounts no PersistentVolumeClaim, so its data lives in the pod and is lost on restart — mount a PVC at its data directory`];
    }
    return [];
  }
  const volume = volumeAt(workload, data.container, data.dir);
  if (volume?.persistent) return [];
  const where = volume
    ? `on volume "${volume.name}" (${volume.source}), which is deleted with the pod`
    : 'on the container filesystem, which is lost on every restart';
  const setBy = data.setBy ? ` (set by ${data.setBy})` : '';
  return [`${describeContainer(data.container)} keeps its data in ${data.dir}${setBy} ${where} — mount a PersistentVolumeClaim at ${data.dir}${defineIn(workload)}`];
}

export const STORAGE_CHECKS: readonly Check[] = [DATABASE_ON_PVC, DATABASE_RECREATE, APP_WAITS_FOR_DATABASE, NO_DATA_ON_CONTAINER_FILESYSTEM];
