import { HEALTH_PATHS, PORT_NAMES, PORTS, PROBE_TIMEOUT_SECONDS, PROBE_TIMEOUT_WITH_DATABASE_SECONDS } from '../../../contract/ports';
import { appContainer } from '../../checks/health';
import { isLongRunning, PROBE_KINDS, servingContainers, type ProbeKind } from '../../checks/ports';
import type { ContainerRef, Workload } from '../../workloads';
import type { Fixer, FixRun } from '../fixer';
import { editWorkload, type PodPaths } from '../pod-paths';
import { appendAt, deleteAt, listAt, setAt, valueAt } from '../yaml-edit';

/**
 * B1–B5: the port contract on the app container (8081 traffic, 8082 management), its liveness and
 * readiness probes on 8082, and every probe's timeout. A probe that points elsewhere is turned into
 * the contract's httpGet; its periods and thresholds stay.
 */

/**
 * The long-running app workloads whose ports may be declared: a pod on the node's network would
 * open 8082 on the node's address (B6), so it is left until hostNetwork is gone (S3).
 */
function appWorkloads(run: FixRun): Workload[] {
  return run.context
    .workloadsWithRole('app')
    .filter(isLongRunning)
    .filter((workload) => {
      if (workload.podSpec.hostNetwork !== true) return true;
      run.cannot(workload.manifest, 'it uses hostNetwork: true, so a declared port opens on the node — remove hostNetwork first (S3)');
      return false;
    });
}

function hasDatabase(run: FixRun): boolean {
  return run.context.workloadsWithRole('database').length > 0;
}

/** Declares a port on the container unless the pod already declares it; true when it added it. */
function declarePort(paths: PodPaths, workload: Workload, ref: ContainerRef, port: number, name: string): boolean {
  const { document } = paths;
  // As the checks count it: a TCP port (the default protocol) of a container that keeps running.
  const declared = servingContainers(workload).some((c) =>
    listAt(document, [...paths.container(c), 'ports']).some((p) => {
      const entry = p as Record<string, unknown> | null;
      return Number(entry?.containerPort) === port && (entry?.protocol ?? 'TCP') === 'TCP';
    }),
  );
  if (declared) return false;
  const names = listAt(document, [...paths.container(ref), 'ports']).map((p) => (p as Record<string, unknown>)?.name);
  const entry = names.includes(name) ? { containerPort: port, protocol: 'TCP' } : { name, containerPort: port, protocol: 'TCP' };
  return appendAt(document, [...paths.container(ref), 'ports'], entry);
}

function portFixer(id: string, port: number, name: string): Fixer {
  return {
    id,
    fix(run) {
      for (const workload of appWorkloads(run)) {
        const ref = appContainer(workload);
        if (!ref) continue;
        if (editWorkload(run, workload, (paths) => declarePort(paths, workload, ref, port, name))) {
          run.fixed(workload.manifest, `declared port ${name} ${port} on container "${String(ref.container.name ?? '?')}"`);
        }
      }
    },
  };
}

function probeFixer(id: string, kind: 'livenessProbe' | 'readinessProbe', path: string): Fixer {
  return {
    id,
    fix(run) {
      const timeout = kind === 'readinessProbe' && hasDatabase(run) ? PROBE_TIMEOUT_WITH_DATABASE_SECONDS : PROBE_TIMEOUT_SECONDS;
      for (const workload of appWorkloads(run)) {
        const ref = appContainer(workload);
        if (!ref) continue;
        const changed = editWorkload(run, workload, (paths) => {
          const { document } = paths;
          const probe = [...paths.container(ref), kind];
          let edited = false;
          for (const other of ['tcpSocket', 'exec', 'grpc']) edited = deleteAt(document, [...probe, other]) || edited;
          if (valueAt(document, [...probe, 'httpGet', 'path']) !== path) edited = setAt(document, [...probe, 'httpGet', 'path'], path) || edited;
          if (valueAt(document, [...probe, 'httpGet', 'port']) !== PORTS.mgmt) edited = setAt(document, [...probe, 'httpGet', 'port'], PORTS.mgmt) || edited;
          const seconds = valueAt(document, [...probe, 'timeoutSeconds']);
          if (typeof seconds !== 'number' || seconds < timeout) edited = setAt(document, [...probe, 'timeoutSeconds'], timeout) || edited;
          // The probe's port must be one the pod declares (N3).
          return declarePort(paths, workload, ref, PORTS.mgmt, PORT_NAMES.mgmt) || edited;
        });
        if (changed) run.fixed(workload.manifest, `container "${String(ref.container.name ?? '?')}": ${kind} httpGet ${path} on port ${PORTS.mgmt}, timeoutSeconds ${timeout}`);
      }
    },
  };
}

const B5: Fixer = {
  id: 'B5',
  fix(run) {
    const database = hasDatabase(run);
    for (const workload of run.context.workloads()) {
      const isApp = run.context.roleOf(workload) === 'app';
      for (const ref of workload.containers) {
        for (const kind of PROBE_KINDS) {
          const minimum = isApp && database && kind === 'readinessProbe' ? PROBE_TIMEOUT_WITH_DATABASE_SECONDS : PROBE_TIMEOUT_SECONDS;
          const changed = editWorkload(run, workload, (paths) => raiseTimeout(paths, ref, kind, minimum));
          if (changed) run.fixed(workload.manifest, `container "${String(ref.container.name ?? '?')}": ${kind}.timeoutSeconds ${minimum}`);
        }
      }
    }
  },
};

function raiseTimeout(paths: PodPaths, ref: ContainerRef, kind: ProbeKind, minimum: number): boolean {
  const probe = [...paths.container(ref), kind];
  if (valueAt(paths.document, probe) === undefined) return false;
  const seconds = valueAt(paths.document, [...probe, 'timeoutSeconds']);
  if (typeof seconds === 'number' && seconds >= minimum) return false;
  return setAt(paths.document, [...probe, 'timeoutSeconds'], minimum);
}

export const HEALTH_FIXERS: readonly Fixer[] = [
  portFixer('B1', PORTS.http, PORT_NAMES.http),
  portFixer('B2', PORTS.mgmt, PORT_NAMES.mgmt),
  probeFixer('B3', 'livenessProbe', HEALTH_PATHS.liveness),
  probeFixer('B4', 'readinessProbe', HEALTH_PATHS.readiness),
  B5,
];
