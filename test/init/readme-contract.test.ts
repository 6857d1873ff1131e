import { AppModel } from '../../src/contract/app-model';
import { creatorReadme } from '../../src/init/creator-readme';
import { contractKit } from '../../src/init/kits';

const model = (components: Record<string, unknown>, runtime = 'go1.23') =>
  AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, runtime, components });

describe("the creator README's half of the contract", () => {
  it('names the four endpoints, /metrics, the log fields, where the kit lives and how to add a business metric', () => {
    const m = model({ redis: true });
    const text = creatorReadme(m, ['redis'], false);
    expect(text).toContain("## Your app's half of the contract");
    for (const endpoint of ['`/liveness`', '`/readiness`', '`/info`', '`/shutdown`', '`/metrics`']) expect(text).toContain(endpoint);
    expect(text).toContain('"time", "level" and "msg"');
    const kit = contractKit(m)!;
    expect(text).toContain(`\`${kit.kitFile}\` does it`);
    expect(text).toContain(`add the same entry to \`${kit.businessFile}\``);
    expect(text).toContain('business.OrdersProcessedTotal.WithLabelValues("example").Inc()');
    expect(text).toContain('`AGENTS.md`');
  });

  it('with mgmtSidecar, says the helper answers the endpoints and the app must keep off the port', () => {
    const text = creatorReadme(model({ mgmtSidecar: true }), [], false);
    expect(text).toContain('With `mgmtSidecar: true` in main.ts a small helper next to your app answers');
    expect(text).toContain('so your app must not use that port');
    expect(text).not.toContain('Your app answers `/liveness`');
  });
});
