import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { VibeApp } from '../../src';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { CATALOGUE } from '../../src/review/catalogue';
import { GATE_CHECKS_OF_CONTROL } from '../../src/review/checks/pod-security';
import { ReviewContext } from '../../src/review/context';
import { podSecurityFindings, podTemplateOf } from '../../src/review/pod-security';
import { validAnswers } from '../arbitraries';
import { manifestsOf } from '../helpers/render';

/** Every pod vibe-env writes is admitted by Pod Security restricted, at the default version and the newest. */

const RUNS = Number(process.env.VIBE_PROPERTY_RUNS ?? 40);
const POD_SECURITY_CHECKS = CATALOGUE.filter((c) => Object.values(GATE_CHECKS_OF_CONTROL).flat().includes(c.id));

describe('synthesized pods meet every Pod Security control', () => {
  it('at restricted, for 1.28 and latest, by the module and by the gate\'s checks', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const app = new VibeApp({ ...answers, outdir: path.join(os.tmpdir(), 'vibe-unused') });
        const manifests = manifestsOf(app.renderUnchecked());
        const workloads = manifests.filter((m) => podTemplateOf(m.object));
        expect(workloads.length).toBeGreaterThan(0);
        for (const version of ['1.28', 'latest']) {
          for (const manifest of workloads) {
            expect({ object: `${manifest.kind}/${manifest.name}`, version, violations: podSecurityFindings(manifest.object, { version }).map((v) => v.message) }).toEqual({
              object: `${manifest.kind}/${manifest.name}`,
              version,
              violations: [],
            });
          }
          const context = new ReviewContext({ manifests, cluster: clusterConfigSchema.parse({ ...app.model.cluster, podSecurityVersion: version }) });
          const failed = POD_SECURITY_CHECKS.flatMap((check) => check.run(context).filter((r) => r.status === 'fail').map((r) => `[${check.id}] ${r.message}`));
          expect(failed).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
