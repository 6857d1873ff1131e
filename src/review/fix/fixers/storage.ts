import { COMPONENT_IMAGES, mirrored } from '../../../contract/images';
import { restrictedContainerSecurityContext, waitForCommand } from '../../../contract/restricted-container';
import { HELPER_SIZE, SIZE_TABLE } from '../../../contract/sizes';
import { suggestedUid } from '../../checks/pod-rules';
import type { Fixer } from '../fixer';
import { editWorkload, workloadOfFinding } from '../pod-paths';
import { appendAt, deleteAt, setAt } from '../yaml-edit';

/**
 * D2 (Recreate for databases) and D3 (the app waits for each database in an init container). The
 * database to wait for, its Service and port, are the ones D3's finding names, so the fix and the
 * check read the set the same way.
 */

const D2: Fixer = {
  id: 'D2',
  fix(run) {
    for (const finding of run.findings) {
      const workload = workloadOfFinding(run, finding);
      if (!workload) continue;
      const changed = editWorkload(run, workload, (paths) => {
        const edited = setAt(paths.document, ['spec', 'strategy', 'type'], 'Recreate');
        // rollingUpdate settings are refused beside Recreate.
        return deleteAt(paths.document, ['spec', 'strategy', 'rollingUpdate']) || edited;
      });
      if (changed) run.fixed(workload.manifest, 'spec.strategy: { type: Recreate }');
    }
  },
};

/** `add an init container that waits for <host>:<port>` in D3's message. */
const WAIT_TARGET = /waits for ([a-z0-9][-a-z0-9.]*):(\d{1,5})/i;

const D3: Fixer = {
  id: 'D3',
  fix(run) {
    for (const finding of run.findings) {
      const target = WAIT_TARGET.exec(finding.message);
      const workload = workloadOfFinding(run, finding);
      if (!target || !workload) continue;
      const [, host, port] = target;
      const uid = suggestedUid(workload, run.context);
      const row = SIZE_TABLE[HELPER_SIZE];
      const container = {
        name: `wait-for-${host}`.slice(0, 63).replace(/[-.]+$/, ''),
        image: mirrored(run.context.cluster.mirrorPrefix, COMPONENT_IMAGES.waitFor),
        imagePullPolicy: 'IfNotPresent',
        command: waitForCommand(host, port),
        resources: { requests: { cpu: row.cpuRequest, memory: row.memoryRequest }, limits: { cpu: row.cpuLimit, memory: row.memoryLimit } },
        securityContext: restrictedContainerSecurityContext(uid),
      };
      const changed = editWorkload(run, workload, (paths) => appendAt(paths.document, [...paths.spec, 'initContainers'], container));
      if (changed) run.fixed(workload.manifest, `added init container ${container.name}, which waits for ${host}:${port}`);
    }
  },
};

export const STORAGE_FIXERS: readonly Fixer[] = [D2, D3];
