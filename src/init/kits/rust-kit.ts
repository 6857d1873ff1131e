import { CARGO_LOCK } from './cargo-lock';
import { DEFAULT_HOST, DEPENDENCY_TIMEOUT_SECONDS, SHUTDOWN_GRACE_SECONDS, type KitFacts } from './kit-facts';
import { kitHeader, kitHeaderLines, kitPromiseLines, type ContractKit } from './kit-file';
import type { BusinessMetric } from '../../contract/answers';

/** The crates of the Rust kit (Cargo.toml ranges; Cargo.lock pins what the build resolves). */
export const RUST_KIT_CRATES: Readonly<Record<string, string>> = {
  'prometheus': '{ version = "0.13", default-features = false }',
  'tiny_http': '"0.12"',
  'tracing': '"0.1"',
  'tracing-subscriber': '{ version = "0.3", default-features = false, features = ["fmt", "std"] }',
  'serde_json': '"1"',
  'humantime': '"2"',
  'signal-hook': '{ version = "0.3", default-features = false }',
};

const KIT = 'src/contract.rs';
const BUSINESS = 'src/business.rs';

const rs = (value: string) => JSON.stringify(value);
const rsSlice = (values: readonly string[]) => `&[${values.map(rs).join(', ')}]`;

/** `orders_processed_total` → `orders_processed_total` (a Rust function name). */
export function rustIdentifier(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
}

function cargoToml(f: KitFacts): string {
  return `# ${f.displayName}: \`cargo build --release\` builds the one binary the image runs.
[package]
name = "app"
version = "0.1.0"
edition = "2021"
# The image builds with Rust 1.78: Cargo.lock holds versions that support it.
rust-version = "1.78"
publish = false

[dependencies]
${Object.entries(RUST_KIT_CRATES).map(([name, spec]) => `${name} = ${spec}`).join('\n')}

[profile.release]
strip = true
`;
}

/** Newer cargo resolves versions that still build on rust-version (older cargo ignores this key). */
const CARGO_CONFIG = `# Resolve crate versions that build with the package's rust-version (the image's Rust).
[resolver]
incompatible-rust-versions = "fallback"
`;

function contractRs(f: KitFacts): string {
  const { framework: m, env } = f;
  const deps = f.dependencies.map((d) => `        (${rs(d.component)}, std::env::var(${rs(d.hostEnv)}).unwrap_or_default(), env_or(${rs(d.portEnv)}, "${d.defaultPort}")),`);
  return `${kitHeader('//', [
    ...kitHeaderLines(`The platform contract for ${f.displayName} (Rust): management endpoints, /metrics, JSON logs, shutdown.`, 'the log level default, readiness (add checks of your own), the route naming'),
    '',
    ...kitPromiseLines(f, { logs: 'one JSON object per log line on stdout (tracing)', exit: 'run returns' }),
    '',
    'Use it: contract::run(|request| your_response); log with tracing::info!(order = id, "order created").',
  ])}use std::io::Cursor;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use prometheus::{CounterVec, Encoder, Gauge, HistogramOpts, HistogramVec, Opts, TextEncoder};
use tiny_http::{Header, Request, Response, Server};
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/** The answer type handlers return. */
pub type Answer = Response<Cursor<Vec<u8>>>;

/// False when the mgmt sidecar answers the management endpoints (mgmtSidecar in main.ts).
const SERVE_MANAGEMENT: bool = ${f.serveManagement};

static BROKEN: AtomicBool = AtomicBool::new(false);
static SHUTTING_DOWN: AtomicBool = AtomicBool::new(false);
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

fn env_or(key: &str, fallback: &str) -> String {
    std::env::var(key).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| fallback.to_string())
}

/// One JSON object per line: {"${f.logFields.time}": ISO 8601, "${f.logFields.level}": "info", "${f.logFields.msg}": ..., other fields}.
struct ContractJson;

struct Fields(serde_json::Map<String, serde_json::Value>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_string(), format!("{:?}", value).into());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().to_string(), value.into());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_string(), value.into());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().to_string(), value.into());
    }
}

impl<S, N> FormatEvent<S, N> for ContractJson
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(&self, _ctx: &FmtContext<'_, S, N>, mut writer: Writer<'_>, event: &Event<'_>) -> std::fmt::Result {
        let mut fields = Fields(serde_json::Map::new());
        event.record(&mut fields);
        let mut line = serde_json::Map::new();
        line.insert(${rs(f.logFields.time)}.into(), humantime::format_rfc3339_millis(SystemTime::now()).to_string().into());
        line.insert(${rs(f.logFields.level)}.into(), event.metadata().level().as_str().to_lowercase().into());
        line.insert(${rs(f.logFields.msg)}.into(), fields.0.remove("message").unwrap_or_else(|| "".into()));
        line.extend(fields.0);
        writeln!(writer, "{}", serde_json::Value::Object(line))
    }
}

/// Sends tracing's events to stdout as JSON lines. Never log passwords or personal data.
pub fn init_logging() {
    let level = env_or(${rs(env.logLevel)}, "info").parse().unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt().with_max_level(level).with_writer(std::io::stdout).event_format(ContractJson).init();
}

struct Framework {
    requests: CounterVec,
    duration: HistogramVec,
    active: Gauge,
}

fn framework() -> &'static Framework {
    static METRICS: OnceLock<Framework> = OnceLock::new();
    METRICS.get_or_init(|| {
        let registry = prometheus::default_registry();
        let requests = CounterVec::new(Opts::new(${rs(m.requests.name)}, ${rs(m.requests.help)}), ${rsSlice(m.requests.labels)}).unwrap();
        let duration = HistogramVec::new(HistogramOpts::new(${rs(m.duration.name)}, ${rs(m.duration.help)}).buckets(vec![${f.buckets.map((b) => (Number.isInteger(b) ? `${b}.0` : String(b))).join(', ')}]), ${rsSlice(m.duration.labels)}).unwrap();
        let active = Gauge::with_opts(Opts::new(${rs(m.active.name)}, ${rs(m.active.help)})).unwrap();
        registry.register(Box::new(requests.clone())).unwrap();
        registry.register(Box::new(duration.clone())).unwrap();
        registry.register(Box::new(active.clone())).unwrap();
        crate::business::register_all();
        Framework { requests, duration, active }
    })
}

/// Marks the app broken for good: liveness answers DOWN and the platform restarts the pod.
#[allow(dead_code)]
pub fn mark_broken(reason: &str) {
    BROKEN.store(true, Ordering::SeqCst);
    tracing::error!(reason, "marked broken: liveness now answers DOWN");
}

fn ready() -> bool {
    if SHUTTING_DOWN.load(Ordering::SeqCst) {
        return false;
    }
    // The components the app uses; readiness is UP only when each accepts a connection.
    let dependencies: Vec<(&str, String, String)> = vec![
${deps.join('\n')}
    ];
    let down: Vec<&str> = dependencies
        .iter()
        .filter(|(_, host, port)| {
            let reachable = format!("{}:{}", host, port)
                .to_socket_addrs()
                .ok()
                .and_then(|mut addrs| addrs.next())
                .map(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(${DEPENDENCY_TIMEOUT_SECONDS})).is_ok())
                .unwrap_or(false);
            host.is_empty() || !reachable
        })
        .map(|(name, _, _)| *name)
        .collect();
    if !down.is_empty() {
        tracing::warn!(unreachable = ?down, "not ready: a component does not answer");
    }
    down.is_empty()
}

fn json(status: u16, body: &str) -> Answer {
    Response::from_string(body).with_status_code(status).with_header(Header::from_bytes("Content-Type", "application/json").unwrap())
}

fn management(request: &Request) -> Answer {
    match request.url().split('?').next().unwrap_or("") {
        ${rs(f.paths.liveness)} if BROKEN.load(Ordering::SeqCst) => json(503, ${rs(f.bodies.down)}),
        ${rs(f.paths.liveness)} => json(200, ${rs(f.bodies.up)}),
        ${rs(f.paths.readiness)} => if ready() { json(200, ${rs(f.bodies.up)}) } else { json(503, ${rs(f.bodies.outOfService)}) },
        ${rs(f.paths.info)} => json(
            200,
            &serde_json::json!({ "app": env_or(${rs(env.slug)}, ${rs(f.slug)}), "version": env_or(${rs(env.version)}, "unknown") }).to_string(),
        ),
        ${rs(f.paths.shutdown)} => {
            // Asked before the pod stops: stop taking traffic (readiness OUT_OF_SERVICE), keep serving.
            SHUTTING_DOWN.store(true, Ordering::SeqCst);
            tracing::info!("shutdown requested: readiness now answers OUT_OF_SERVICE");
            json(200, ${rs(f.bodies.shutdown)})
        }
        _ => json(404, r#"{"error":"not found"}"#),
    }
}

/// The route label: the path with ids replaced by ":id".
fn route_of(path: &str) -> String {
    path.split('/')
        .map(|part| {
            let id = !part.is_empty()
                && (part.chars().all(|c| c.is_ascii_digit()) || (part.len() >= 8 && part.chars().all(|c| c.is_ascii_hexdigit() || c == '-')));
            if id { ":id" } else { part }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn metrics() -> Answer {
    let encoder = TextEncoder::new();
    let mut body = Vec::new();
    encoder.encode(&prometheus::gather(), &mut body).unwrap();
    Response::from_data(body).with_header(Header::from_bytes("Content-Type", encoder.format_type()).unwrap())
}

/// Serves requests until \`stop\` is set, each on its own thread.
fn serve<F>(server: Server, stop: Arc<AtomicBool>, handler: Arc<F>)
where
    F: Fn(&Request) -> Answer + Send + Sync + 'static,
{
    while !stop.load(Ordering::SeqCst) {
        if let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(100)) {
            let handler = Arc::clone(&handler);
            IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let answer = handler(&request);
                let _ = request.respond(answer);
                IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }
}

/// Serves the app on PORT (with ${f.paths.metrics}) and the management endpoints on MGMT_PORT until
/// SIGTERM, then finishes requests in flight (at most ${SHUTDOWN_GRACE_SECONDS} s) and returns.
pub fn run<F>(app: F)
where
    F: Fn(&Request) -> Answer + Send + Sync + 'static,
{
    let fw = framework();
    let host = env_or(${rs(env.host)}, ${rs(DEFAULT_HOST)});
    let port = env_or(${rs(env.port)}, "${f.ports.http}");
    let mgmt_port = env_or(${rs(env.mgmtPort)}, "${f.ports.mgmt}");
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&stop)).expect("SIGTERM handler");
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&stop)).expect("SIGINT handler");

    let mgmt_thread = if SERVE_MANAGEMENT {
        let server = Server::http(format!("{}:{}", host, mgmt_port)).expect("management port");
        tracing::info!(port = mgmt_port.as_str(), "management listening");
        let stop = Arc::clone(&stop);
        Some(std::thread::spawn(move || serve(server, stop, Arc::new(management))))
    } else {
        None
    };

    let instrumented = move |request: &Request| -> Answer {
        let path = request.url().split('?').next().unwrap_or("/").to_string();
        if path == ${rs(f.paths.metrics)} {
            return metrics();
        }
        let started = Instant::now();
        fw.active.inc();
        let answer = app(request);
        fw.active.dec();
        let seconds = started.elapsed().as_secs_f64();
        let method = request.method().as_str().to_string();
        let route = route_of(&path);
        let status = answer.status_code().0.to_string();
        fw.requests.with_label_values(&[&method, &route, &status]).inc();
        fw.duration.with_label_values(&[&method, &route, &status]).observe(seconds);
        tracing::info!(method = method.as_str(), route = route.as_str(), status = answer.status_code().0, duration_ms = (seconds * 1000.0) as u64, "request");
        answer
    };
    let server = Server::http(format!("{}:{}", host, port)).expect("app port");
    tracing::info!(port = port.as_str(), "app listening");
    serve(server, Arc::clone(&stop), Arc::new(instrumented));

    SHUTTING_DOWN.store(true, Ordering::SeqCst);
    tracing::info!("stopping: finishing requests in flight");
    let until = Instant::now() + Duration::from_secs(${SHUTDOWN_GRACE_SECONDS});
    while IN_FLIGHT.load(Ordering::SeqCst) > 0 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
    }
    if let Some(thread) = mgmt_thread {
        let _ = thread.join();
    }
    tracing::info!("stopped");
}
`;
}

function businessRs(f: KitFacts): string {
  const kinds = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' } as const;
  const metrics = f.business.map((b) => {
    const kind = kinds[b.type];
    const opts = b.type === 'histogram' ? `HistogramOpts::new(${rs(b.name)}, ${rs(b.help)})` : `Opts::new(${rs(b.name)}, ${rs(b.help)})`;
    const [type, make] = b.labels.length > 0 ? [`${kind}Vec`, `${kind}Vec::new(${opts}, ${rsSlice(b.labels)})`] : [kind, `${kind}::with_opts(${opts})`];
    return `/// ${b.help}
pub fn ${rustIdentifier(b.name)}() -> &'static ${type} {
    static METRIC: OnceLock<${type}> = OnceLock::new();
    METRIC.get_or_init(|| {
        let metric = ${make}.unwrap();
        prometheus::default_registry().register(Box::new(metric.clone())).unwrap();
        metric
    })
}`;
  });
  return `${kitHeader('//', [
    `The business metrics of ${f.displayName}: one per businessMetrics entry of main.ts, with the same name, type, labels and help.`,
    'To add one: declare it in main.ts (businessMetrics), add a function here the same way (and to register_all), count it in your code:',
    '  business::orders_processed_total().with_label_values(&["paid"]).inc();',
  ])}#![allow(unused_imports)]
use std::sync::OnceLock;

use prometheus::{Counter, CounterVec, Gauge, GaugeVec, Histogram, HistogramOpts, HistogramVec, Opts};

${metrics.join('\n\n')}

/// Registers every business metric, so /metrics shows them from the start.
pub fn register_all() {
${f.business.map((b) => `    ${rustIdentifier(b.name)}();`).join('\n')}
}
`;
}

/** The prometheus crate's call: with_label_values(&[...]) when the metric has labels, then inc(), set(v) or observe(v). */
function rustCount(b: Required<BusinessMetric>): string {
  const labels = b.labels.length > 0 ? `.with_label_values(&[${b.labels.map(() => rs('example')).join(', ')}])` : '';
  const call = b.type === 'counter' ? 'inc()' : b.type === 'gauge' ? 'set(1.0)' : 'observe(0.1)';
  return `business::${rustIdentifier(b.name)}()${labels}.${call};`;
}

function mainRs(f: KitFacts): string {
  const first = f.business[0];
  return `${kitHeader('//', [`A minimal ${f.displayName}: replace it with your app and keep using contract.`])}mod business;
mod contract;

use tiny_http::{Header, Response};

fn main() {
    contract::init_logging();
    tracing::info!(${rs(`${f.slug} started`)});
    contract::run(|request| {
        if request.url() != "/" {
            return Response::from_string("Not found\\n").with_status_code(404);
        }
${first ? `        ${rustCount(first)} // an example: count what your app does\n` : ''}        Response::from_string(${rs(`Hello from ${f.displayName}\n`)})
            .with_header(Header::from_bytes("Content-Type", "text/plain; charset=utf-8").unwrap())
    });
}
`;
}

export function rustKit(f: KitFacts): ContractKit {
  return {
    files: [
      { path: 'Cargo.toml', text: cargoToml(f), role: 'build' },
      { path: 'Cargo.lock', text: CARGO_LOCK, role: 'build' },
      { path: '.cargo/config.toml', text: CARGO_CONFIG, role: 'build' },
      { path: KIT, text: contractRs(f), role: 'kit' },
      { path: BUSINESS, text: businessRs(f), role: 'kit' },
      { path: 'src/main.rs', text: mainRs(f), role: 'sample' },
    ],
    kitFile: KIT,
    businessFile: BUSINESS,
    libraries: Object.keys(RUST_KIT_CRATES).map((name) => `${name} ${/"([^"]+)"/.exec(RUST_KIT_CRATES[name])![1]}`),
    businessExample: rustCount,
    runLocally: 'cargo run',
  };
}
