import { METRICS_PATH, PORTS } from '../../../contract/ports';
import { referenceOf } from '../../../manifests/manifest-object';
import { mapsOf } from '../../values';
import type { Fixer } from '../fixer';
import { editWorkload, workloadOfFinding } from '../pod-paths';
import { setAt, valueAt } from '../yaml-edit';

/**
 * G1 (scrape annotations), N4 (the app namespace on every namespaced object) and S6 (the
 * Namespace enforces Pod Security restricted): metadata whose right value the contract and the
 * set give. G1's port is the one its finding suggests (8081 for the app, the exporter's port).
 */

/** `prometheus.io/port: "<port>"` in G1's message: the port the check wants. */
const SUGGESTED_PORT = /prometheus\.io\/port: "(\d{1,5})"/;

const G1: Fixer = {
  id: 'G1',
  fix(run) {
    for (const finding of run.findings) {
      const workload = workloadOfFinding(run, finding);
      if (!workload) continue;
      const port = SUGGESTED_PORT.exec(finding.message)?.[1] ?? String(PORTS.http);
      const declared = workload.containers.flatMap((ref) => mapsOf(ref.container.ports).map((p) => String(p.containerPort)));
      const changed = editWorkload(run, workload, (paths) => {
        const at = (key: string) => [...paths.metadata, 'annotations', key];
        const now = (key: string) => valueAt(paths.document, at(key));
        let edited = false;
        if (String(now('prometheus.io/scrape')) !== 'true') edited = setAt(paths.document, at('prometheus.io/scrape'), 'true') || edited;
        // A port annotation naming a declared port stays (the app may serve metrics elsewhere).
        if (!declared.includes(String(now('prometheus.io/port')))) edited = setAt(paths.document, at('prometheus.io/port'), port) || edited;
        const path = now('prometheus.io/path');
        if (typeof path !== 'string' || !path.startsWith('/')) edited = setAt(paths.document, at('prometheus.io/path'), METRICS_PATH) || edited;
        return edited;
      });
      if (changed) run.fixed(workload.manifest, `scrape annotations prometheus.io/scrape "true", port "${port}", path "${METRICS_PATH}"`);
    }
  },
};

const N4: Fixer = {
  id: 'N4',
  fix(run) {
    const namespace = run.context.appNamespace;
    if (namespace === undefined) return;
    for (const finding of run.findings) {
      const manifest = run.context.manifests.find((m) => referenceOf(m) === `${finding.kind}/${finding.name}` && m.file === finding.file && m.line === finding.line);
      if (!manifest) continue;
      // A sealed value is bound to its namespace: moving it would make it undecryptable.
      if (manifest.namespace !== undefined && manifest.kind === 'SealedSecret') {
        run.cannot(manifest, `it is sealed for namespace "${manifest.namespace}": seal it again for ${namespace} with vibe seal`);
        continue;
      }
      const document = run.workspace.documentOf(manifest);
      if (!document) continue;
      if (setAt(document, ['metadata', 'namespace'], namespace)) {
        run.workspace.touch(document);
        run.fixed(manifest, `metadata.namespace: ${namespace}`);
      }
    }
  },
};

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

const S6: Fixer = {
  id: 'S6',
  fix(run) {
    for (const namespace of run.context.ofKind('Namespace')) {
      const document = run.workspace.documentOf(namespace);
      if (!document || !setAt(document, ['metadata', 'labels', ENFORCE_LABEL], 'restricted')) continue;
      run.workspace.touch(document);
      run.fixed(namespace, `label ${ENFORCE_LABEL}: restricted`);
    }
  },
};

export const METADATA_FIXERS: readonly Fixer[] = [G1, N4, S6];
