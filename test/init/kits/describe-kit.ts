import * as fs from 'node:fs';
import * as path from 'node:path';
import { explain, fakeComponent, freePort, get, KIT_ANSWERS, kitEnv, missingTool, prepareRepository, promtool, reviewKit, RunningKit, sampleValue, type FakeComponent, type RunAs, type Step } from './kit-run';
import type { AppModel } from '../../../src/contract/app-model';
import { FRAMEWORK_METRICS } from '../../../src/contract/framework-metrics';
import type { Runtime } from '../../../src/contract/images';
import { HEALTH_PATHS, METRICS_PATH } from '../../../src/contract/ports';
import { kitFacts } from '../../../src/init/kits';
import { REQUIRED_FIELDS } from '../../../src/review/checks/observability-logs';

export interface KitCase {
  readonly runtime: Runtime;
  readonly label: string;
  /** The toolchain commands the kit needs; the first one missing skips the kit with its reason. */
  readonly tools: readonly (readonly [string, readonly string[]])[];
  /** A further condition on the toolchain (e.g. its version): why it cannot run, or undefined. */
  readonly requires?: () => string | undefined;
  /** The runtime's own build, from the kit caches: the steps, in order. */
  readonly build: (dir: string) => Promise<Step[]>;
  /** How the built app is started, in its folder. */
  readonly start: (dir: string) => readonly [string, readonly string[]];
  /** Extra env for the start (e.g. a virtualenv's PATH). */
  readonly startEnv?: (dir: string) => NodeJS.ProcessEnv;
  /** The user to start it as, when not the test's own. */
  readonly startAs?: () => RunAs | undefined;
}

const MINUTES = 60_000;

/**
 * The same tests for every runtime's kit: build, start on loopback, the four management
 * endpoints with their bodies, /metrics (promtool), readiness following each declared component, the review gate
 * on what it produced, and a clean SIGTERM. A missing toolchain skips the kit, saying why.
 */
export function describeKit(c: KitCase): void {
  const missing = c.tools.map(([command, args]) => missingTool(command, args)).find((m) => m !== undefined) ?? c.requires?.();
  if (missing) {
    process.stdout.write(`${c.label} contract kit skipped: ${missing}\n`);
    // A kit whose toolchain is missing is reported skipped, with the reason in its name (never green).
    // eslint-disable-next-line jest/no-disabled-tests
    describe.skip(`${c.label} contract kit (skipped: ${missing})`, () => {
      it('runs for real', () => undefined);
    });
    return;
  }

  describe(`${c.label} contract kit, run for real`, () => {
    const timings: Record<string, number> = {};
    let dir = '';
    let model: AppModel;
    let kit: RunningKit | undefined;
    /** The declared components' stand-ins, by component name. */
    const components = new Map<string, FakeComponent>();
    const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      try {
        return await work();
      } finally {
        timings[name] = (Date.now() - started) / 1000;
      }
    };

    afterAll(async () => {
      if (kit) await kit.stop();
      for (const component of components.values()) await component.close();
      const line = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
      // One line per kit for the record (the closing note lists these).
      process.stdout.write(`kit timings ${c.runtime}: ${line}\n`);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('is written by vibe init and builds with the runtime\'s own tools', async () => {
      ({ dir, model } = await time('init', () => prepareRepository(c.runtime)));
      expect(fs.existsSync(path.join(dir, 'AGENTS.md'))).toBe(true);
      const steps = await time('build', () => c.build(dir));
      for (const s of steps) expect({ step: s.command, status: s.status, output: s.status === 0 ? '' : explain(s) }).toEqual({ step: s.command, status: 0, output: '' });
    }, 10 * MINUTES);

    it('starts on loopback and answers /liveness, /readiness and /info with the contract\'s bodies', async () => {
      const dependencies = kitFacts(model).dependencies;
      expect(dependencies.map((d) => d.component).sort()).toEqual(['postgres', 'rabbitmq', 'redis']);
      for (const d of dependencies) components.set(d.component, await fakeComponent());
      const ports = { http: await freePort(), mgmt: await freePort() };
      const [command, args] = c.start(dir);
      const env = kitEnv(ports, dependencies.map((d) => ({ ...d, port: components.get(d.component)!.port })));
      kit = new RunningKit(command, args, dir, { ...env, ...c.startEnv?.(dir) }, ports, c.startAs?.());
      await time('start', () => kit!.waitUntilLive());

      const live = await get(kit.url('mgmt', HEALTH_PATHS.liveness));
      expect([live.status, JSON.parse(live.body)]).toEqual([200, { status: 'UP' }]);
      expect(live.contentType).toMatch(/^application\/json/);
      const ready = await get(kit.url('mgmt', HEALTH_PATHS.readiness));
      expect([ready.status, JSON.parse(ready.body)]).toEqual([200, { status: 'UP' }]);
      const info = await get(kit.url('mgmt', HEALTH_PATHS.info));
      expect([info.status, JSON.parse(info.body)]).toEqual([200, { app: KIT_ANSWERS.slug, version: KIT_ANSWERS.image.tag }]);
    }, 2 * MINUTES);

    it('serves /metrics on the app port in Prometheus format, with the framework metrics and the business metrics as declared', async () => {
      const home = await get(kit!.url('http', '/'));
      expect(home.status).toBe(200);
      const metrics = await get(kit!.url('http', METRICS_PATH));
      expect(metrics.status).toBe(200);
      expect(metrics.contentType).toMatch(/^text\/plain|^application\/openmetrics-text/);

      const checked = promtool(metrics.body);
      if (checked.available) {
        expect({ parsed: checked.parsed, output: checked.output }).toEqual({ parsed: true, output: expect.any(String) });
        // Lint remarks are allowed on a client library's own metrics, never on the contract's.
        const ours = [...Object.values(FRAMEWORK_METRICS).map((m) => m.name), ...KIT_ANSWERS.businessMetrics.map((m) => m.name)];
        expect(checked.output.split('\n').filter((l) => ours.some((name) => l.startsWith(`${name} `)))).toEqual([]);
      } else {
        process.stdout.write(`promtool not run for ${c.runtime}: ${checked.reason}; G2 below parses the answer\n`);
      }

      const body = metrics.body;
      // The framework tier, with the GET / just made.
      const route = '{method="GET",route="/",status_code="200"}';
      expect(sampleValue(body, `${FRAMEWORK_METRICS.requests.name}${route}`)).toBeGreaterThanOrEqual(1);
      expect(sampleValue(body, `${FRAMEWORK_METRICS.duration.name}_count${route}`)).toBeGreaterThanOrEqual(1);
      expect(body).toMatch(new RegExp(`^# TYPE ${FRAMEWORK_METRICS.active.name} gauge$`, 'm'));
      expect(body).toMatch(new RegExp(`^${FRAMEWORK_METRICS.duration.name}_bucket\\{[^}]*le="0\\.05"`, 'm'));
      // The business tier: exactly as declared, and counted by the sample app through the kit.
      for (const m of KIT_ANSWERS.businessMetrics) {
        expect(body).toMatch(new RegExp(`^# HELP ${m.name} ${m.help.replace(/[,]/g, '\\$&')}$`, 'm'));
        expect(body).toMatch(new RegExp(`^# TYPE ${m.name} ${m.type}$`, 'm'));
      }
      expect(sampleValue(body, 'orders_processed_total{status="example"}')).toBe(1);
    }, 2 * MINUTES);

    it.each(['postgres', 'redis', 'rabbitmq'])('answers /readiness 503 OUT_OF_SERVICE while %s is unreachable, and UP again once it is back', async (name) => {
      const port = components.get(name)!.port;
      await components.get(name)!.close();
      const down = await get(kit!.url('mgmt', HEALTH_PATHS.readiness));
      expect([down.status, JSON.parse(down.body)]).toEqual([503, { status: 'OUT_OF_SERVICE' }]);
      expect(down.contentType).toMatch(/^application\/json/);
      const live = await get(kit!.url('mgmt', HEALTH_PATHS.liveness));
      expect(live.status).toBe(200);
      components.set(name, await fakeComponent(port));
      const up = await get(kit!.url('mgmt', HEALTH_PATHS.readiness));
      expect([up.status, JSON.parse(up.body)]).toEqual([200, { status: 'UP' }]);
    }, 2 * MINUTES);

    it('passes vibe review with --metrics-url, --logs and --src: no CRITICAL finding, no G finding', async () => {
      const review = await time('review', async () => reviewKit(dir, model, kit!.url('http', METRICS_PATH), kit!.stdout));
      expect(review.findings.filter((f) => f.severity === 'CRITICAL' || f.id.startsWith('G'))).toEqual([]);
      expect(review.status).toBe(0);
    }, 2 * MINUTES);

    it('answers /shutdown with null and turns readiness OUT_OF_SERVICE; stops cleanly on SIGTERM, logging JSON lines only', async () => {
      const shutdown = await get(kit!.url('mgmt', HEALTH_PATHS.shutdown));
      expect([shutdown.status, shutdown.body.trim()]).toEqual([200, 'null']);
      const ready = await get(kit!.url('mgmt', HEALTH_PATHS.readiness));
      expect([ready.status, JSON.parse(ready.body)]).toEqual([503, { status: 'OUT_OF_SERVICE' }]);

      const code = await time('stop', () => kit!.stop());
      expect(code).toBe(0);
      const lines = kit!.stdout.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(3);
      const bad = lines.filter((l) => {
        try {
          const json = JSON.parse(l);
          return !REQUIRED_FIELDS.every((field) => typeof json[field] === 'string');
        } catch {
          return true;
        }
      });
      expect(bad).toEqual([]);
      expect(lines.some((l) => /stopping|stopped|shutting down/i.test(JSON.parse(l).msg))).toBe(true);
    }, 2 * MINUTES);
  });
}
