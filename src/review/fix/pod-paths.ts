import type { Document } from 'yaml';
import { TEMPLATE_PATHS } from '../pod-security/templates';
import type { ContainerRef, Workload } from '../workloads';
import type { FixRun } from './fixer';
import type { Finding } from '../finding';
import type { YamlPath } from './yaml-edit';

/** Where a workload's pod template lives in its Document, and each container in it. */
export interface PodPaths {
  readonly document: Document;
  /** `spec.template.metadata` (the Pod's own metadata for `kind: Pod`). */
  readonly metadata: YamlPath;
  /** `spec.template.spec`. */
  readonly spec: YamlPath;
  /** The path of one of the workload's containers. */
  container(ref: ContainerRef): YamlPath;
}

const LIST_OF = { init: 'initContainers', main: 'containers', ephemeral: 'ephemeralContainers' } as const;

export function podPaths(run: FixRun, workload: Workload): PodPaths | undefined {
  const document = run.workspace.documentOf(workload.manifest);
  const template = TEMPLATE_PATHS[workload.manifest.kind];
  if (!document || !template) return undefined;
  const spec = [...template, 'spec'];
  return {
    document,
    metadata: [...template, 'metadata'],
    spec,
    container: (ref) => {
      const key = LIST_OF[ref.role];
      const list = workload.podSpec[key] as unknown[];
      return [...spec, key, list.indexOf(ref.container)];
    },
  };
}

/**
 * Runs an edit on a workload's Document and marks it changed when the edit says it changed
 * something; returns that answer. A workload that cannot be edited (a List item) is reported.
 */
export function editWorkload(run: FixRun, workload: Workload, edit: (paths: PodPaths) => boolean): boolean {
  const paths = podPaths(run, workload);
  if (!paths) {
    run.cannot(workload.manifest, 'it is an item of a List, which the fix does not edit — change it by hand');
    return false;
  }
  const changed = edit(paths);
  if (changed) run.workspace.touch(paths.document);
  return changed;
}

/** The workload a finding is about (same kind, name and file). */
export function workloadOfFinding(run: FixRun, finding: Pick<Finding, 'kind' | 'name' | 'file'>): Workload | undefined {
  const { kind, name, file } = finding;
  return run.context.workloads().find(({ manifest }) => manifest.kind === kind && manifest.name === name && manifest.file === file);
}
