import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadManifests } from '../../src/manifests';
import { clusterActors, hasDefaultDenyIngress, NetworkModel } from '../../src/network';
import { CORPUS_ROOT, describeWithCorpus } from '../helpers/corpus';

/**
 * Third-party manifest sets from the shared corpus (read in place, never copied). None has a
 * NetworkPolicy, so every pod must come out open: reachable by everyone on every declared port
 * and free to reach every probe. CI keeps the corpus in ../shared beside the clone.
 */
const { dir: REALWORLD, describe: describeCorpus } = describeWithCorpus('realworld', 'test/network/realworld');

interface Expectation {
  readonly file: string;
  readonly check: string;
  readonly expect: 'pass' | 'fail';
}

const INVENTORY: Record<string, { workloads: number; ports: number[] }> = {
  'microservices-demo.yaml': { workloads: 12, ports: [3550, 5050, 6379, 7000, 7070, 8080, 9555, 50051] },
  'k8s-examples-guestbook.yaml': { workloads: 3, ports: [80, 6379] },
  'k8s-examples-tf-serving.yaml': { workloads: 1, ports: [8500, 8501] },
};

describeCorpus('real-world manifest sets without policies', () => {
  const actors = clusterActors();
  const expectations: Expectation[] = REALWORLD ? JSON.parse(fs.readFileSync(path.join(REALWORLD, 'expectations.json'), 'utf8')) : [];

  it.each(Object.keys(INVENTORY))('%s: every pod is open to everyone on every declared port', (name) => {
    const model = NetworkModel.fromManifests(loadManifests([path.join(REALWORLD!, name)]));
    expect(model.policies).toEqual([]);
    expect(model.problems).toEqual([]);
    expect(model.pods).toHaveLength(INVENTORY[name].workloads);
    expect([...new Set(model.pods.flatMap((p) => p.ports.map((q) => q.port)))].sort((a, b) => a - b)).toEqual(INVENTORY[name].ports);
    expect(model.pods.every((pod) => pod.namespace === 'default' && !model.isolatedForIngress(pod) && !model.isolatedForEgress(pod))).toBe(true);

    const flows = new Set(model.flows().map((f) => `${f.from.id}>${f.to.id}:${f.port}/${f.protocol}`));
    const expected = new Set<string>();
    for (const to of model.pods) {
      for (const from of [...model.pods, ...actors.sources]) {
        if (from === to) continue;
        for (const { port, protocol } of to.ports) expected.add(`${from.id}>${to.id}:${port}/${protocol}`);
      }
    }
    for (const from of model.pods) for (const probe of actors.egressProbes) expected.add(`${from.id}>${probe.to.id}:${probe.port}/${probe.protocol}`);
    expect(flows).toEqual(expected);
  });

  it('agrees with EXPECTED.md on C1: no default-deny-ingress in any of them', () => {
    const c1 = expectations.filter((e) => e.check === 'C1');
    expect(c1.map((e) => e.file).sort()).toEqual(Object.keys(INVENTORY).map((name) => `realworld/${name}`).sort());
    for (const entry of c1) {
      const model = NetworkModel.fromManifests(loadManifests([path.join(CORPUS_ROOT, entry.file)]));
      expect([entry.file, hasDefaultDenyIngress(model)]).toEqual([entry.file, entry.expect === 'pass']);
    }
  });

  it('lets the ingress controller reach tf-serving on 8501, the port its Ingress routes to', () => {
    const model = NetworkModel.fromManifests(loadManifests([path.join(REALWORLD!, 'k8s-examples-tf-serving.yaml')]));
    const [tfServing] = model.pods;
    expect(tfServing.id).toBe('default/Deployment/tf-serving');
    expect(model.allows(actors.ingressController, tfServing, 8501)).toBe(true);
  });
});
