import { ApiObject, JsonPatch, Chart } from 'cdk8s';
import { Aspects, VibeApp } from '../../src';
import { KubeDeployment } from '../../src/imports/k8s';
import { ReviewGateError } from '../../src/review/gate-error';
import { tempDir } from '../helpers/render';

const BASE = { slug: 'shop', image: { repository: 'shop', tag: 'a3f91bc' } };

describe('the review gate at synth time', () => {
  it("fails synthesis on a platform engineer's raw Deployment that runs as root", () => {
    const app = new VibeApp({ ...BASE, outdir: tempDir() });
    const extra = new Chart(app, '13-extra', { disableResourceNameHashes: true });
    new KubeDeployment(extra, 'debug', {
      metadata: { name: 'debug', namespace: 'platform-vibe-shop' },
      spec: {
        selector: { matchLabels: { app: 'debug' } },
        template: { metadata: { labels: { app: 'debug' } }, spec: { containers: [{ name: 'debug', image: 'harbor.internal.example.com/debug:a3f91bc' }] } },
      },
    });
    expect(() => app.synth()).toThrow(ReviewGateError);
    expect(() => app.render()).toThrow(/\[A3\] .*debug/);
  });

  it('fails synthesis when an escape hatch removes the capability drop', () => {
    const app = new VibeApp({ ...BASE, outdir: tempDir() });
    const deployment = app.node.findAll().find((c) => ApiObject.isApiObject(c) && c.kind === 'Deployment' && c.name === 'shop-app') as ApiObject;
    deployment.addJsonPatch(JsonPatch.remove('/spec/template/spec/containers/0/securityContext/capabilities'));
    expect(() => app.render()).toThrow(/\[A4\]/);
  });

  it('lets unsealed credentials through with a notice (the CLI gate blocks them with E4)', () => {
    const app = new VibeApp({ ...BASE, components: { postgres: true }, outdir: tempDir() });
    expect(() => app.synth()).not.toThrow();
    expect(app.notices.join('\n')).toMatch(/not sealed yet/);
  });

  it('runs the aspects of platform engineers before rendering', () => {
    const app = new VibeApp({ ...BASE, outdir: tempDir() });
    Aspects.of(app).add({
      visit: (node) => {
        if (ApiObject.isApiObject(node)) node.metadata.addLabel('cost-center', 'research');
      },
    });
    for (const file of app.render()) for (const object of file.objects) expect(object.metadata.labels['cost-center']).toBe('research');
  });
});
