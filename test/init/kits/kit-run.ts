import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { VibeApp } from '../../../src';
import { AppModel } from '../../../src/contract/app-model';
import type { Runtime } from '../../../src/contract/images';
import { contractKit } from '../../../src/init/kits';
import { runInit } from '../../../src/init/run-init';
import { SealedSecretFile } from '../../../src/seal/sealed-secret-file';
import { ROOT, vibe } from '../../helpers/cli';

/**
 * Runs a contract kit for real: `vibe init` into an empty folder, the kit rewritten for answers
 * that declare business metrics (as a creator's later edit would), the runtime's own build
 * (dependencies from the kit caches under ~/.cache/vibe-env/kits), the app started on loopback
 * with random ports and a fake database, redis and rabbitmq (TCP listeners the test opens and closes), probed, judged
 * by `vibe review` (--metrics-url, --logs, --src), and stopped by its pid with SIGTERM.
 */

export const KIT_CACHE = path.join(os.homedir(), '.cache', 'vibe-env', 'kits');
const EXAMPLE_CERT = path.join(ROOT, 'examples', 'inventory-checker', 'sealed-secrets-cert.pem');

/** The answers every kit runs with: postgres, redis and rabbitmq (readiness checks each), two business metrics. */
export const KIT_ANSWERS = {
  slug: 'kit-check',
  image: { repository: 'kit-check-app', tag: 'a3f91bc' },
  components: { postgres: true, redis: true, rabbitmq: true, nginx: true },
  businessMetrics: [
    { name: 'orders_processed_total', type: 'counter', help: 'Orders processed, by result', labels: ['status'] },
    { name: 'queue_depth', type: 'gauge', help: 'Orders waiting to be processed', labels: [] },
  ],
} as const;

export interface Step {
  readonly command: string;
  readonly status: number | null;
  readonly output: string;
  readonly seconds: number;
}

/** Runs one build step; its output is kept for the assertion message. */
export function step(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 540_000): Promise<Step> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...cleanEnv(), ...env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => (output += String(error)));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ command: `${command} ${args.join(' ')}`, status, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

export function explain(s: Step): string {
  return `${s.command} exited ${s.status} after ${s.seconds.toFixed(1)} s\n${s.output.slice(-3000)}`;
}

/** The environment without npm's own variables (a run under `npm test` must not leak its config). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Why a toolchain cannot run here, or undefined when it can. */
export function missingTool(command: string, args: readonly string[] = ['--version']): string | undefined {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error) return `${command} is not installed on this machine (${(probe.error as NodeJS.ErrnoException).code})`;
  return probe.status === 0 ? undefined : `${command} ${args.join(' ')} exited ${probe.status}`;
}

export { freePort } from '../../helpers/free-port';

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export async function get(url: string): Promise<Answer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** The folder of one kit run: the repository `vibe init` wrote, with the kit for KIT_ANSWERS. */
export async function prepareRepository(runtime: Runtime): Promise<{ dir: string; model: AppModel }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vibe-kit-${runtime}-`));
  const sink = new PassThrough();
  await runInit(dir, { slug: KIT_ANSWERS.slug, runtime, components: Object.keys(KIT_ANSWERS.components).filter((c) => c !== 'nginx').join(','), cert: EXAMPLE_CERT, yes: true }, {
    input: process.stdin,
    output: sink,
    stdout: sink,
    interactive: false,
  });
  const model = AppModel.resolve({ ...KIT_ANSWERS, runtime });
  // The creator declared business metrics after init: the kit for those answers.
  for (const file of contractKit(model)!.files) fs.writeFileSync(path.join(dir, file.path), file.text);
  return { dir, model };
}

/** A uid and gid to start a kit as (daemons that refuse to run as root, as in the image). */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** A running kit: the child, its stdout so far, and the ports. */
export class RunningKit {
  public stdout = '';
  public stderr = '';
  public exit: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    command: string,
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
    public readonly ports: { http: number; mgmt: number },
    user?: RunAs,
  ) {
    this.child = spawn(command, args, { cwd, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...user });
    this.child.stdout!.on('data', (c) => (this.stdout += c));
    this.child.stderr!.on('data', (c) => (this.stderr += c));
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  url(port: 'http' | 'mgmt', pathname: string): string {
    return `http://127.0.0.1:${this.ports[port]}${pathname}`;
  }

  /** Waits until the management port answers /liveness (the app is up). */
  async waitUntilLive(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let exited = false;
    void this.exit.then(() => (exited = true));
    while (Date.now() < until && !exited) {
      try {
        const live = await get(this.url('mgmt', '/liveness'));
        if (live.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the kit did not answer /liveness (exited: ${exited})\nstdout:\n${this.stdout.slice(-2000)}\nstderr:\n${this.stderr.slice(-2000)}`);
  }

  /** SIGTERM to its pid; the exit code, or null when it had to be killed. */
  async stop(graceMs = 20_000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.pid === undefined) return this.child.exitCode;
    process.kill(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => this.child.pid !== undefined && this.child.exitCode === null && process.kill(this.child.pid, 'SIGKILL'), graceMs);
    const code = await this.exit;
    clearTimeout(timer);
    return code;
  }
}

/** A stand-in for a component (database, redis, rabbitmq): a TCP listener readiness can reach, closed to make it unreachable. */
export async function fakeComponent(port = 0): Promise<FakeComponent> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface FakeComponent {
  readonly port: number;
  readonly close: () => Promise<void>;
}

/** Where the app finds one component: its env var names and the stand-in's port. */
export interface ComponentAddress {
  readonly hostEnv: string;
  readonly portEnv: string;
  readonly port: number;
}

/** The env the pod would give the app, with loopback, the test's ports and each component's stand-in. */
export function kitEnv(ports: { http: number; mgmt: number }, components: readonly ComponentAddress[]): NodeJS.ProcessEnv {
  return {
    HOST: '127.0.0.1',
    PORT: String(ports.http),
    MGMT_PORT: String(ports.mgmt),
    APP_SLUG: KIT_ANSWERS.slug,
    APP_VERSION: KIT_ANSWERS.image.tag,
    LOG_LEVEL: 'info',
    ...Object.fromEntries(components.flatMap((c) => [[c.hostEnv, '127.0.0.1'], [c.portEnv, String(c.port)]])),
  };
}

/** `promtool check metrics` when Debian's prometheus package is installed: parse errors, and lint problems by metric. */
export function promtool(body: string): { available: false; reason: string } | { available: true; parsed: boolean; output: string } {
  const reason = missingTool('promtool');
  if (reason) return { available: false, reason };
  const result = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  // 0: clean; 3: parsed, with lint remarks (e.g. on a client's default metrics); 1: does not parse.
  return { available: true, parsed: result.status === 0 || result.status === 3, output };
}

/** The value of one sample line `name{labels} value` in a /metrics body, or undefined. */
export function sampleValue(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1).split(' ')[0]);
}

/** Writes k8s/ for the kit's answers with the sealed file init made, and runs `vibe review` on it and on the running kit. */
export interface KitReview {
  readonly status: number | null;
  readonly findings: { id: string; severity: string; message: string }[];
  readonly raw: string;
}

export function reviewKit(dir: string, model: AppModel, metricsUrl: string, logs: string): KitReview {
  const outdir = path.join(dir, 'k8s');
  const secrets = SealedSecretFile.load(path.join(dir, 'sealed-secrets.yaml'));
  new VibeApp({ ...model.answers, secrets, outdir }).synth();
  const logFile = path.join(dir, 'kit-stdout.log');
  fs.writeFileSync(logFile, logs);
  const result = vibe(['review', outdir, '--metrics-url', metricsUrl, '--logs', logFile, '--src', dir, '--cert', EXAMPLE_CERT, '--format', 'json']);
  let findings: { id: string; severity: string; message: string }[] = [];
  try {
    findings = JSON.parse(result.stdout).findings;
  } catch {
    findings = [{ id: '?', severity: 'CRITICAL', message: `not a JSON report: ${result.stdout.slice(0, 500)} ${result.stderr.slice(0, 500)}` }];
  }
  return { status: result.status, findings, raw: result.stdout };
}
