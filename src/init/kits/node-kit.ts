import { DEPENDENCY_TIMEOUT_SECONDS, DEFAULT_HOST, SHUTDOWN_GRACE_SECONDS, type KitFacts } from './kit-facts';
import { exampleLabels, kitHeader, kitHeaderLines, kitPromiseLines, type ContractKit } from './kit-file';
import type { BusinessMetric } from '../../contract/answers';

/** The Node.js libraries of the kit, at the versions its test runs (a caret range in package.json). */
export const NODE_KIT_DEPENDENCIES: Readonly<Record<string, string>> = {
  'pino': '^10.4.0',
  'prom-client': '^15.1.3',
};

const KIT = 'contract/index.js';
const BUSINESS = 'contract/business-metrics.js';
const SAMPLE = 'server.js';

/** package.json's start script when the repository has none: the sample app. */
export const NODE_START_SCRIPT = `node ${SAMPLE}`;

const j = (value: unknown) => JSON.stringify(value);

function kitJs(f: KitFacts): string {
  const { framework: m, env } = f;
  const deps = f.dependencies.map(
    (d) => `  { component: ${j(d.component)}, host: process.env.${d.hostEnv}, port: Number(process.env.${d.portEnv} || ${d.defaultPort}) },`,
  );
  return `${kitHeader('//', [
    ...kitHeaderLines(`The platform contract for ${f.displayName} (Node.js): management endpoints, /metrics, JSON logs, shutdown.`, 'the log level default, readiness (add checks of your own), the route naming'),
    '',
    ...kitPromiseLines(f, { exit: 'the process exits' }),
    '',
    'Use it: const { start, logger, business } = require(\'./contract\'); start((req, res) => { ... });',
  ])}'use strict';
const http = require('node:http');
const net = require('node:net');
const pino = require('pino');
const client = require('prom-client');

const HOST = process.env.${env.host} || ${j(DEFAULT_HOST)};
const PORT = Number(process.env.${env.port} || ${f.ports.http});
const MGMT_PORT = Number(process.env.${env.mgmtPort} || ${f.ports.mgmt});
const APP = process.env.${env.slug} || ${j(f.slug)};
const VERSION = process.env.${env.version} || 'unknown';
/** False when the mgmt sidecar answers the management endpoints (mgmtSidecar in main.ts). */
const SERVE_MANAGEMENT = ${f.serveManagement};

/** JSON lines on stdout: {"${f.logFields.level}":"info","${f.logFields.time}":"2026-01-01T10:00:00.000Z","${f.logFields.msg}":"..."}. Never log passwords or personal data. */
const logger = pino({
  level: process.env.${env.logLevel} || 'info',
  base: undefined,
  messageKey: ${j(f.logFields.msg)},
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ ${f.logFields.level}: label }) },
}); // pino's default destination: stdout, written synchronously (no line lost on exit)

const register = new client.Registry();
client.collectDefaultMetrics({ register });
const httpRequests = new client.Counter({ name: ${j(m.requests.name)}, help: ${j(m.requests.help)}, labelNames: ${j(m.requests.labels)}, registers: [register] });
const httpDuration = new client.Histogram({ name: ${j(m.duration.name)}, help: ${j(m.duration.help)}, labelNames: ${j(m.duration.labels)}, buckets: ${j(f.buckets)}, registers: [register] });
const activeConnections = new client.Gauge({ name: ${j(m.active.name)}, help: ${j(m.active.help)}, registers: [register] });
const business = require('./business-metrics')(register);

/** The components the app uses; readiness is UP only when each accepts a connection. */
const DEPENDENCIES = [
${deps.join('\n')}
];

const state = { alive: true, shuttingDown: false };

function reachable(dependency) {
  return new Promise((resolve) => {
    if (!dependency.host) return resolve(false);
    const socket = net.connect({ host: dependency.host, port: dependency.port });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(${DEPENDENCY_TIMEOUT_SECONDS * 1000}, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function isReady() {
  if (state.shuttingDown) return false;
  const results = await Promise.all(DEPENDENCIES.map(reachable));
  const down = DEPENDENCIES.filter((_, i) => !results[i]).map((d) => d.component);
  if (down.length > 0) logger.warn({ unreachable: down }, 'not ready: a component does not answer');
  return down.length === 0;
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body);
}

function management(req, res) {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (path === ${j(f.paths.liveness)}) return sendJson(res, state.alive ? 200 : 503, state.alive ? ${j(f.bodies.up)} : ${j(f.bodies.down)});
  if (path === ${j(f.paths.readiness)}) {
    return void isReady().then((ok) => sendJson(res, ok ? 200 : 503, ok ? ${j(f.bodies.up)} : ${j(f.bodies.outOfService)}));
  }
  if (path === ${j(f.paths.info)}) return sendJson(res, 200, JSON.stringify({ app: APP, version: VERSION }));
  if (path === ${j(f.paths.shutdown)}) {
    // Asked before the pod stops: stop taking traffic (readiness OUT_OF_SERVICE), keep serving.
    state.shuttingDown = true;
    logger.info('shutdown requested: readiness now answers OUT_OF_SERVICE');
    return sendJson(res, 200, ${j(f.bodies.shutdown)});
  }
  sendJson(res, 404, '{"error":"not found"}');
}

/** The route label: what the app set on req.route, else the path with ids replaced by ":id". */
function routeOf(req) {
  if (typeof req.route === 'string') return req.route;
  if (req.route && typeof req.route.path === 'string') return req.route.path;
  const path = new URL(req.url, 'http://localhost').pathname;
  return path.split('/').map((part) => (/^(\\d+|[0-9a-f]{8,}|[0-9a-f-]{36})$/i.test(part) ? ':id' : part)).join('/');
}

/** Wraps the app's handler: serves ${f.paths.metrics}, counts and times every request, logs it, answers 500 on a throw. */
function instrument(handler) {
  return (req, res) => {
    const started = process.hrtime.bigint();
    if (new URL(req.url, 'http://localhost').pathname === ${j(f.paths.metrics)}) {
      register.metrics().then((text) => { res.writeHead(200, { 'Content-Type': register.contentType }); res.end(text); });
      return;
    }
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status_code: String(res.statusCode) };
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpRequests.inc(labels);
      httpDuration.observe(labels, seconds);
      logger.info({ method: labels.method, route: labels.route, status: res.statusCode, duration_ms: Math.round(seconds * 1000) }, 'request');
    });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error) => {
        logger.error({ error: String(error && error.message) }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"error":"internal error"}');
      });
  };
}

/** Starts the app on PORT and the management endpoints on MGMT_PORT; stops both on SIGTERM. */
function start(handler) {
  const app = http.createServer(instrument(handler));
  app.on('connection', (socket) => {
    activeConnections.inc();
    socket.once('close', () => activeConnections.dec());
  });
  const mgmt = http.createServer(management);
  app.listen(PORT, HOST, () => logger.info({ port: PORT }, 'app listening'));
  if (SERVE_MANAGEMENT) mgmt.listen(MGMT_PORT, HOST, () => logger.info({ port: MGMT_PORT }, 'management listening'));

  const stop = (signal) => {
    if (state.stopping) return;
    state.stopping = true;
    state.shuttingDown = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    setTimeout(() => { logger.warn('requests still open after ${SHUTDOWN_GRACE_SECONDS} s; exiting'); process.exit(0); }, ${SHUTDOWN_GRACE_SECONDS * 1000}).unref();
    app.close(() => mgmt.close(() => { logger.info('stopped'); process.exit(0); }));
    app.closeIdleConnections();
    mgmt.closeAllConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return { app, mgmt };
}

/** Marks the app broken for good: liveness answers DOWN and the platform restarts the pod. */
function markBroken(reason) {
  state.alive = false;
  logger.error({ reason }, 'marked broken: liveness now answers DOWN');
}

module.exports = { start, logger, business, register, markBroken };
`;
}

function businessJs(f: KitFacts): string {
  const classes = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' } as const;
  const entries = f.business.map(
    (b) => `    ${j(b.name)}: new client.${classes[b.type]}({ name: ${j(b.name)}, help: ${j(b.help)}, labelNames: ${j(b.labels)}, registers: [register] }),`,
  );
  return `${kitHeader('//', [
    `The business metrics of ${f.displayName}: one per businessMetrics entry of main.ts, with the same name, type, labels and help.`,
    'To add one: declare it in main.ts (businessMetrics), add it here the same way, count it in your code:',
    "  const { business } = require('./contract'); business.orders_processed_total.inc({ status: 'paid' });",
  ])}'use strict';
const client = require('prom-client');

module.exports = (register) => ({
${entries.join('\n')}
});
`;
}

function sampleJs(f: KitFacts): string {
  const first = f.business[0];
  const count = first ? `    ${nodeCount(first)} // an example: count what your app does\n` : '';
  return `${kitHeader('//', [
    `A minimal ${f.displayName}: replace it with your app and keep using ./contract.`,
  ])}'use strict';
const { start, business, logger } = require('./contract');

start((req, res) => {
  if (req.method === 'GET' && req.url === '/') {
${count}    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(${j(`Hello from ${f.displayName}\n`)});
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\\n');
});
logger.info('${f.slug} started');
`;
}

/** prom-client's call: inc(labels), set(labels, value), observe(labels, value); labels left out when there are none. */
function nodeCount(b: Required<BusinessMetric>): string {
  const labels = b.labels.length > 0 ? [j(exampleLabels(b))] : [];
  const args = b.type === 'counter' ? labels : [...labels, b.type === 'gauge' ? '1' : '0.1'];
  return `business[${j(b.name)}].${b.type === 'counter' ? 'inc' : b.type === 'gauge' ? 'set' : 'observe'}(${args.join(', ')});`;
}

export function nodeKit(f: KitFacts): ContractKit {
  return {
    files: [
      { path: KIT, text: kitJs(f), role: 'kit' },
      { path: BUSINESS, text: businessJs(f), role: 'kit' },
      { path: SAMPLE, text: sampleJs(f), role: 'sample' },
    ],
    kitFile: KIT,
    businessFile: BUSINESS,
    libraries: Object.entries(NODE_KIT_DEPENDENCIES).map(([name, range]) => `${name} ${range}`),
    businessExample: nodeCount,
    runLocally: 'npm install && npm start',
  };
}
