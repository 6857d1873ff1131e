import { ROLES } from '../../../components/catalogue';
import { atLeast, SIZE_TABLE, STATEFUL_MINIMUM_SIZE, type Size } from '../../../contract/sizes';
import { primaryContainer } from '../../checks/pod-rules';
import { expectedSize } from '../../checks/resources';
import type { ContainerRef } from '../../workloads';
import type { Fixer, FixRun } from '../fixer';
import { editWorkload } from '../pod-paths';
import { setAt, valueAt } from '../yaml-edit';

/**
 * F1–F4: requests and limits from one row of the t-shirt table. Helpers (init containers,
 * sidecars, nginx, exporters) get xs and stateful components at least md, as the contract says;
 * the app's own container gets the size the creator names with `--size`, never a guess.
 */

/** The size a container gets, or undefined when only `--size` could say (the app's container). */
function sizeFor(run: FixRun, ref: ContainerRef): Size | undefined {
  const role = run.context.roleOf(ref.workload);
  const isPrimary = ref === primaryContainer(ref.workload);
  if (isPrimary && ROLES[role].stateful) return atLeast(run.settings.size ?? STATEFUL_MINIMUM_SIZE, STATEFUL_MINIMUM_SIZE);
  if (isPrimary && role === 'app') return run.settings.size;
  return expectedSize(ref, run.context);
}

function resources(size: Size): Record<string, unknown> {
  const row = SIZE_TABLE[size];
  return { requests: { cpu: row.cpuRequest, memory: row.memoryRequest }, limits: { cpu: row.cpuLimit, memory: row.memoryLimit } };
}

/** Writes the row on every container `needs` picks; the row's four values replace whatever was there. */
function sizeFixer(id: string, needs: (run: FixRun, ref: ContainerRef) => boolean): Fixer {
  return {
    id,
    fix(run) {
      for (const ref of run.context.containers()) {
        if (ref.role === 'ephemeral' || !needs(run, ref)) continue;
        const subject = `container "${String(ref.container.name ?? '?')}"`;
        const size = sizeFor(run, ref);
        if (!size) {
          run.cannot(ref.workload.manifest, `${subject}: the app's size is not known — give it with --size xs|sm|md|lg|xl`);
          continue;
        }
        const changed = editWorkload(run, ref.workload, (paths) => {
          const path = [...paths.container(ref), 'resources'];
          const wanted = resources(size);
          let edited = false;
          for (const section of ['requests', 'limits'] as const) {
            for (const resource of ['cpu', 'memory'] as const) {
              const value = (wanted[section] as Record<string, string>)[resource];
              const at = [...path, section, resource];
              if (String(valueAt(paths.document, at)) !== value) edited = setAt(paths.document, at, value) || edited;
            }
          }
          return edited;
        });
        if (changed) run.fixed(ref.workload.manifest, `${subject}: resources of size ${size}`);
      }
    },
  };
}

const missing = (section: 'requests' | 'limits') => (_run: FixRun, ref: ContainerRef) => {
  const values = (ref.container.resources as Record<string, Record<string, unknown>> | undefined)?.[section];
  return !values || values.cpu === undefined || values.cpu === null || values.cpu === '' || values.memory === undefined || values.memory === null || values.memory === '';
};

/** The containers a finding of the check names (the messages start with the container's description). */
const named = (id: string) => (run: FixRun, ref: ContainerRef) =>
  run.findings.some((f) => f.id === id && f.kind === ref.workload.manifest.kind && f.name === ref.workload.manifest.name && f.message.includes(`"${String(ref.container.name ?? '?')}"`));

export const RESOURCE_FIXERS: readonly Fixer[] = [
  sizeFixer('F1', missing('requests')),
  sizeFixer('F2', missing('limits')),
  sizeFixer('F3', named('F3')),
  sizeFixer('F4', (run, ref) => ref === primaryContainer(ref.workload) && named('F4')(run, ref)),
];
