import { DEFAULT_HOST, DEPENDENCY_TIMEOUT_SECONDS, SHUTDOWN_GRACE_SECONDS, type KitFacts } from './kit-facts';
import { exampleLabels, kitHeader, kitHeaderLines, kitPromiseLines, type ContractKit } from './kit-file';
import type { BusinessMetric } from '../../contract/answers';

/** The Python libraries of the kit, pinned as its test runs them (requirements.txt). */
export const PYTHON_KIT_REQUIREMENTS: readonly string[] = ['prometheus-client==0.26.0', 'python-json-logger==4.2.0'];

const KIT = 'app/contract.py';
const BUSINESS = 'app/business_metrics.py';

/** A Python string literal (JSON strings are valid Python literals). */
const py = (value: string) => JSON.stringify(value);
const pyList = (values: readonly string[]) => `[${values.map(py).join(', ')}]`;

function kitPy(f: KitFacts): string {
  const { framework: m, env } = f;
  const deps = f.dependencies.map((d) => `    (${py(d.component)}, os.environ.get(${py(d.hostEnv)}), int(os.environ.get(${py(d.portEnv)}, "${d.defaultPort}"))),`);
  return `${kitHeader('#', [
    ...kitHeaderLines(`The platform contract for ${f.displayName} (Python): management endpoints, /metrics, JSON logs, shutdown.`, 'the log level default, readiness (add checks of your own), the route naming'),
    '',
    ...kitPromiseLines(f, { exit: 'the process exits' }),
    '',
    'Use it with any WSGI app (Flask, Django, plain WSGI): from app.contract import run; run(your_wsgi_app)',
  ])}import logging
import os
import re
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, disable_created_metrics, generate_latest
from pythonjsonlogger.json import JsonFormatter

HOST = os.environ.get(${py(env.host)}, ${py(DEFAULT_HOST)})
PORT = int(os.environ.get(${py(env.port)}, "${f.ports.http}"))
MGMT_PORT = int(os.environ.get(${py(env.mgmtPort)}, "${f.ports.mgmt}"))
APP = os.environ.get(${py(env.slug)}, ${py(f.slug)})
VERSION = os.environ.get(${py(env.version)}, "unknown")
# False when the mgmt sidecar answers the management endpoints (mgmtSidecar in main.ts).
SERVE_MANAGEMENT = ${f.serveManagement ? 'True' : 'False'}


class _ContractFormatter(JsonFormatter):
    """{"${f.logFields.time}": ISO 8601, "${f.logFields.level}": "info", "${f.logFields.msg}": ...}: the names Grafana reads."""

    def process_log_record(self, log_data):
        log_data[${py(f.logFields.level)}] = str(log_data.get(${py(f.logFields.level)}, "")).lower()
        return log_data


def _make_logger():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        _ContractFormatter(
            "{levelname}{message}",
            style="{",
            timestamp=${py(f.logFields.time)},
            rename_fields={"levelname": ${py(f.logFields.level)}, "message": ${py(f.logFields.msg)}},
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get(${py(env.logLevel)}, "info").upper())
    return logging.getLogger(APP)


# Never log passwords or personal data.
logger = _make_logger()

disable_created_metrics()  # no *_created series: the dashboards do not read them
_requests = Counter(${py(m.requests.name)}, ${py(m.requests.help)}, ${pyList(m.requests.labels)})
_duration = Histogram(${py(m.duration.name)}, ${py(m.duration.help)}, ${pyList(m.duration.labels)}, buckets=${JSON.stringify(f.buckets)})
_active = Gauge(${py(m.active.name)}, ${py(m.active.help)})

from app.business_metrics import BUSINESS as business  # noqa: E402 (after the registry is set up)

# The components the app uses; readiness is UP only when each accepts a connection.
DEPENDENCIES = [
${deps.join('\n')}
]

_state = {"alive": True, "shutting_down": False}


def _reachable(host, port):
    if not host:
        return False
    try:
        with socket.create_connection((host, port), timeout=${DEPENDENCY_TIMEOUT_SECONDS}):
            return True
    except OSError:
        return False


def is_ready():
    if _state["shutting_down"]:
        return False
    down = [name for name, host, port in DEPENDENCIES if not _reachable(host, port)]
    if down:
        logger.warning("not ready: a component does not answer", extra={"unreachable": down})
    return not down


def mark_broken(reason):
    """Marks the app broken for good: liveness answers DOWN and the platform restarts the pod."""
    _state["alive"] = False
    logger.error("marked broken: liveness now answers DOWN", extra={"reason": reason})


class _Management(BaseHTTPRequestHandler):
    def _send(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == ${py(f.paths.liveness)}:
            ok = _state["alive"]
            self._send(200 if ok else 503, ${py(f.bodies.up)} if ok else ${py(f.bodies.down)})
        elif path == ${py(f.paths.readiness)}:
            ok = is_ready()
            self._send(200 if ok else 503, ${py(f.bodies.up)} if ok else ${py(f.bodies.outOfService)})
        elif path == ${py(f.paths.info)}:
            self._send(200, '{"app": "%s", "version": "%s"}' % (APP, VERSION))
        elif path == ${py(f.paths.shutdown)}:
            # Asked before the pod stops: stop taking traffic (readiness OUT_OF_SERVICE), keep serving.
            _state["shutting_down"] = True
            logger.info("shutdown requested: readiness now answers OUT_OF_SERVICE")
            self._send(200, ${py(f.bodies.shutdown)})
        else:
            self._send(404, '{"error": "not found"}')

    def log_message(self, *args):
        pass  # the probes are not logged


_ID = re.compile(r"^(\\d+|[0-9a-fA-F]{8,}|[0-9a-fA-F-]{36})$")


def _route_of(environ):
    """The route label: what the app set in environ["vibe.route"], else the path with ids replaced by ":id"."""
    route = environ.get("vibe.route")
    if route:
        return route
    return "/".join(":id" if _ID.match(part) else part for part in environ.get("PATH_INFO", "/").split("/"))


def instrument(app):
    """Wraps a WSGI app: serves ${f.paths.metrics}, counts and times every request, logs it, answers 500 on an exception."""

    def wrapped(environ, start_response):
        if environ.get("PATH_INFO") == ${py(f.paths.metrics)}:
            data = generate_latest(REGISTRY)
            start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(data)))])
            return [data]
        started = time.perf_counter()
        status = {"code": "500"}

        def recording_start_response(line, headers, exc_info=None):
            status["code"] = line.split(" ", 1)[0]
            return start_response(line, headers, exc_info)

        _active.inc()
        try:
            body = list(app(environ, recording_start_response))
        except Exception as error:  # noqa: BLE001 (any error becomes a 500)
            logger.error("request failed", extra={"error": str(error)})
            status["code"] = "500"
            start_response("500 Internal Server Error", [("Content-Type", "application/json")], sys.exc_info())
            body = [b'{"error": "internal error"}']
        finally:
            _active.dec()
        seconds = time.perf_counter() - started
        labels = (environ.get("REQUEST_METHOD", "GET"), _route_of(environ), status["code"])
        _requests.labels(*labels).inc()
        _duration.labels(*labels).observe(seconds)
        logger.info("request", extra={"method": labels[0], "route": labels[1], "status": int(status["code"]), "duration_ms": round(seconds * 1000)})
        return body

    return wrapped


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread per request; closing waits for the requests in flight."""


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass  # requests are logged as JSON by instrument()


def run(app):
    """Serves the WSGI app on PORT and the management endpoints on MGMT_PORT until SIGTERM."""
    server = make_server(HOST, PORT, instrument(app), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    mgmt = None
    if SERVE_MANAGEMENT:
        mgmt = ThreadingHTTPServer((HOST, MGMT_PORT), _Management)
        mgmt.daemon_threads = True
        threading.Thread(target=mgmt.serve_forever, daemon=True).start()
        logger.info("management listening", extra={"port": MGMT_PORT})
    logger.info("app listening", extra={"port": PORT})

    def stop(signum, _frame):
        _state["shutting_down"] = True
        logger.info("stopping: finishing requests in flight", extra={"signal": signal.Signals(signum).name})
        timer = threading.Timer(${SHUTDOWN_GRACE_SECONDS}, lambda: os._exit(0))
        timer.daemon = True
        timer.start()
        # shutdown() waits for serve_forever to return, so it runs in another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever()
    server.server_close()
    if mgmt is not None:
        mgmt.shutdown()
        mgmt.server_close()
    logger.info("stopped")
`;
}

function businessPy(f: KitFacts): string {
  const classes = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' } as const;
  const entries = f.business.map((b) => `    ${py(b.name)}: ${classes[b.type]}(${py(b.name)}, ${py(b.help)}, ${pyList(b.labels)}),`);
  return `${kitHeader('#', [
    `The business metrics of ${f.displayName}: one per businessMetrics entry of main.ts, with the same name, type, labels and help.`,
    'To add one: declare it in main.ts (businessMetrics), add it here the same way, count it in your code:',
    '  from app.contract import business; business["orders_processed_total"].labels(status="paid").inc()',
  ])}from prometheus_client import Counter, Gauge, Histogram  # noqa: F401 (each kind is here for new metrics)

BUSINESS = {
${entries.join('\n')}
}
`;
}

/** prometheus_client's call: .labels(...) when the metric has labels, then inc(), set(v) or observe(v). */
function pyCount(b: Required<BusinessMetric>): string {
  const labels = b.labels.length > 0 ? `.labels(${Object.entries(exampleLabels(b)).map(([k, v]) => `${k}=${py(v)}`).join(', ')})` : '';
  const call = b.type === 'counter' ? 'inc()' : b.type === 'gauge' ? 'set(1)' : 'observe(0.1)';
  return `business[${py(b.name)}]${labels}.${call}`;
}

function samplePy(f: KitFacts): string {
  const first = f.business[0];
  const count = first ? `        ${pyCount(first)}  # an example: count what your app does\n` : '';
  return `${kitHeader('#', [`A minimal ${f.displayName} (plain WSGI): replace it with your app and keep using app.contract.`])}from app.contract import business, logger, run  # noqa: F401


def application(environ, start_response):
    if environ["REQUEST_METHOD"] == "GET" and environ.get("PATH_INFO") == "/":
${count}        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [${py(`Hello from ${f.displayName}\n`)}.encode()]
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Not found\\n"]


if __name__ == "__main__":
    logger.info(${py(`${f.slug} started`)})
    run(application)
`;
}

export function pythonKit(f: KitFacts): ContractKit {
  return {
    files: [
      { path: 'requirements.txt', text: `${PYTHON_KIT_REQUIREMENTS.join('\n')}\n`, role: 'build' },
      { path: KIT, text: kitPy(f), role: 'kit' },
      { path: BUSINESS, text: businessPy(f), role: 'kit' },
      { path: 'app/__init__.py', text: kitHeader('#', [`${f.displayName}: the app package (python -m app starts it).`]), role: 'sample' },
      { path: 'app/__main__.py', text: samplePy(f), role: 'sample' },
    ],
    kitFile: KIT,
    businessFile: BUSINESS,
    libraries: [...PYTHON_KIT_REQUIREMENTS],
    businessExample: pyCount,
    runLocally: 'pip install -r requirements.txt && python -m app',
  };
}
