import { GO_SUM } from './go-sum';
import { DEFAULT_HOST, DEPENDENCY_TIMEOUT_SECONDS, SHUTDOWN_GRACE_SECONDS, type KitFacts } from './kit-facts';
import { kitHeader, kitHeaderLines, kitPromiseLines, type ContractKit } from './kit-file';
import type { BusinessMetric } from '../../contract/answers';

/** The Go module the kit needs (log/slog is the standard library's), as its test builds it. */
export const GO_KIT_MODULE = { path: 'github.com/prometheus/client_golang', version: 'v1.22.0' } as const;

/** The module path of the creator's app: short, so imports read `app/contract`. */
const MODULE = 'app';
const KIT = 'contract/contract.go';
const BUSINESS = 'contract/business/metrics.go';

const go = (value: string) => JSON.stringify(value);
const goList = (values: readonly string[]) => `[]string{${values.map(go).join(', ')}}`;

/** `orders_processed_total` → `OrdersProcessedTotal`. */
export function goIdentifier(name: string): string {
  return name
    .split(/[_:]+/)
    .filter((p) => p !== '')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function goMod(): string {
  return `module ${MODULE}

go 1.23

require ${GO_KIT_MODULE.path} ${GO_KIT_MODULE.version}

require (
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/munnerz/goautoneg v0.0.0-20191010083416-a7dc8b61c822 // indirect
	github.com/prometheus/client_model v0.6.1 // indirect
	github.com/prometheus/common v0.62.0 // indirect
	github.com/prometheus/procfs v0.15.1 // indirect
	golang.org/x/sys v0.30.0 // indirect
	google.golang.org/protobuf v1.36.5 // indirect
)
`;
}

function kitGo(f: KitFacts): string {
  const { framework: m, env } = f;
  const deps = f.dependencies.map((d) => `	{${go(d.component)}, os.Getenv(${go(d.hostEnv)}), envOr(${go(d.portEnv)}, "${d.defaultPort}")},`);
  return `${kitHeader('//', [
    ...kitHeaderLines(`The platform contract for ${f.displayName} (Go): management endpoints, /metrics, JSON logs, shutdown.`, 'the log level default, readiness (add checks of your own), the route naming'),
    '',
    ...kitPromiseLines(f, { logs: 'one JSON object per log line on stdout (log/slog)', exit: 'Run returns' }),
    '',
    'Use it: contract.Run(yourMux) in main; log with slog (slog.Info("order created", "order", id)).',
  ])}package contract

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"${MODULE}/contract/business"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var (
	host     = envOr(${go(env.host)}, ${go(DEFAULT_HOST)})
	port     = envOr(${go(env.port)}, "${f.ports.http}")
	mgmtPort = envOr(${go(env.mgmtPort)}, "${f.ports.mgmt}")
	appSlug  = envOr(${go(env.slug)}, ${go(f.slug)})
	version  = envOr(${go(env.version)}, "unknown")
)

// serveManagement is false when the mgmt sidecar answers the management endpoints (mgmtSidecar in main.ts).
const serveManagement = ${f.serveManagement}

// Logger writes {"${f.logFields.time}":..., "${f.logFields.level}":"info", "${f.logFields.msg}":...} lines on stdout; it is also slog's default.
// Never log passwords or personal data.
var Logger = newLogger()

func newLogger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(envOr(${go(env.logLevel)}, "info"))); err != nil {
		level = slog.LevelInfo
	}
	handler := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		Level: level,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.LevelKey {
				return slog.String(${go(f.logFields.level)}, strings.ToLower(a.Value.String()))
			}
			return a
		},
	})
	logger := slog.New(handler)
	slog.SetDefault(logger)
	return logger
}

// Registry holds every metric /metrics serves: Go runtime, process, framework and business metrics.
var Registry = prometheus.NewRegistry()

var (
	requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: ${go(m.requests.name)}, Help: ${go(m.requests.help)}}, ${goList(m.requests.labels)})
	duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: ${go(m.duration.name)}, Help: ${go(m.duration.help)}, Buckets: []float64{${f.buckets.join(', ')}}}, ${goList(m.duration.labels)})
	active   = prometheus.NewGauge(prometheus.GaugeOpts{Name: ${go(m.active.name)}, Help: ${go(m.active.help)}})
)

func init() {
	Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	Registry.MustRegister(requests, duration, active)
	Registry.MustRegister(business.Collectors()...)
}

type dependency struct{ component, host, port string }

// The components the app uses; readiness is UP only when each accepts a connection.
var dependencies = []dependency{
${deps.join('\n')}
}

var (
	broken       atomic.Bool
	shuttingDown atomic.Bool
)

// MarkBroken marks the app broken for good: liveness answers DOWN and the platform restarts the pod.
func MarkBroken(reason string) {
	broken.Store(true)
	Logger.Error("marked broken: liveness now answers DOWN", "reason", reason)
}

func ready() bool {
	if shuttingDown.Load() {
		return false
	}
	var down []string
	for _, d := range dependencies {
		if d.host == "" {
			down = append(down, d.component)
			continue
		}
		conn, err := net.DialTimeout("tcp", net.JoinHostPort(d.host, d.port), ${DEPENDENCY_TIMEOUT_SECONDS}*time.Second)
		if err != nil {
			down = append(down, d.component)
			continue
		}
		conn.Close()
	}
	if len(down) > 0 {
		Logger.Warn("not ready: a component does not answer", "unreachable", down)
	}
	return len(down) == 0
}

func sendJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

func management() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(${go(`GET ${f.paths.liveness}`)}, func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			sendJSON(w, http.StatusServiceUnavailable, ${go(f.bodies.down)})
			return
		}
		sendJSON(w, http.StatusOK, ${go(f.bodies.up)})
	})
	mux.HandleFunc(${go(`GET ${f.paths.readiness}`)}, func(w http.ResponseWriter, r *http.Request) {
		if !ready() {
			sendJSON(w, http.StatusServiceUnavailable, ${go(f.bodies.outOfService)})
			return
		}
		sendJSON(w, http.StatusOK, ${go(f.bodies.up)})
	})
	mux.HandleFunc(${go(`GET ${f.paths.info}`)}, func(w http.ResponseWriter, r *http.Request) {
		sendJSON(w, http.StatusOK, fmt.Sprintf(\`{"app":%q,"version":%q}\`, appSlug, version))
	})
	mux.HandleFunc(${go(`GET ${f.paths.shutdown}`)}, func(w http.ResponseWriter, r *http.Request) {
		// Asked before the pod stops: stop taking traffic (readiness OUT_OF_SERVICE), keep serving.
		shuttingDown.Store(true)
		Logger.Info("shutdown requested: readiness now answers OUT_OF_SERVICE")
		sendJSON(w, http.StatusOK, ${go(f.bodies.shutdown)})
	})
	return mux
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

var idPart = regexp.MustCompile(\`^(\\d+|[0-9a-fA-F]{8,}|[0-9a-fA-F-]{36})$\`)

// routeOf is the route label: the ServeMux pattern that matched ("GET /items/{id}" → "/items/{id}"),
// else the path with ids replaced by ":id".
func routeOf(r *http.Request) string {
	if r.Pattern != "" {
		pattern := r.Pattern
		if i := strings.IndexByte(pattern, ' '); i >= 0 {
			pattern = pattern[i+1:]
		}
		return strings.TrimSuffix(pattern, "{$}")
	}
	parts := strings.Split(r.URL.Path, "/")
	for i, p := range parts {
		if idPart.MatchString(p) {
			parts[i] = ":id"
		}
	}
	return strings.Join(parts, "/")
}

// Instrument wraps the app's handler: serves ${f.paths.metrics}, counts and times every request, logs it.
func Instrument(next http.Handler) http.Handler {
	metrics := promhttp.HandlerFor(Registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == ${go(f.paths.metrics)} {
			metrics.ServeHTTP(w, r)
			return
		}
		started := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if err := recover(); err != nil {
				Logger.Error("request failed", "error", fmt.Sprint(err))
				rec.status = http.StatusInternalServerError
				sendJSON(w, rec.status, \`{"error":"internal error"}\`)
			}
			seconds := time.Since(started).Seconds()
			route := routeOf(r)
			code := strconv.Itoa(rec.status)
			requests.WithLabelValues(r.Method, route, code).Inc()
			duration.WithLabelValues(r.Method, route, code).Observe(seconds)
			Logger.Info("request", "method", r.Method, "route", route, "status", rec.status, "duration_ms", int(seconds*1000))
		}()
		next.ServeHTTP(rec, r)
	})
}

// Run serves the app on PORT and the management endpoints on MGMT_PORT until SIGTERM, then
// finishes the requests in flight (at most ${SHUTDOWN_GRACE_SECONDS} s) and returns.
func Run(app http.Handler) error {
	server := &http.Server{
		Addr:              net.JoinHostPort(host, port),
		Handler:           Instrument(app),
		ReadHeaderTimeout: 10 * time.Second,
		ConnState: func(_ net.Conn, state http.ConnState) {
			switch state {
			case http.StateNew:
				active.Inc()
			case http.StateClosed, http.StateHijacked:
				active.Dec()
			}
		},
	}
	mgmt := &http.Server{Addr: net.JoinHostPort(host, mgmtPort), Handler: management(), ReadHeaderTimeout: 10 * time.Second}
	errs := make(chan error, 2)
	servers := []*http.Server{server}
	if serveManagement {
		servers = append(servers, mgmt)
	}
	for _, s := range servers {
		listener, err := net.Listen("tcp", s.Addr)
		if err != nil {
			return err
		}
		Logger.Info("listening", "address", s.Addr)
		go func(s *http.Server, l net.Listener) {
			if err := s.Serve(l); !errors.Is(err, http.ErrServerClosed) {
				errs <- err
			}
		}(s, listener)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	select {
	case err := <-errs:
		return err
	case <-ctx.Done():
	}
	shuttingDown.Store(true)
	Logger.Info("stopping: finishing requests in flight")
	grace, cancel := context.WithTimeout(context.Background(), ${SHUTDOWN_GRACE_SECONDS}*time.Second)
	defer cancel()
	err := server.Shutdown(grace)
	mgmt.Shutdown(grace)
	Logger.Info("stopped")
	return err
}

func envOr(key, fallback string) string {
	if value, ok := os.LookupEnv(key); ok && value != "" {
		return value
	}
	return fallback
}
`;
}

function goMetric(b: Required<BusinessMetric>): string {
  const kind = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' }[b.type];
  const opts = `prometheus.${kind}Opts{Name: ${go(b.name)}, Help: ${go(b.help)}}`;
  return b.labels.length > 0 ? `prometheus.New${kind}Vec(${opts}, ${goList(b.labels)})` : `prometheus.New${kind}(${opts})`;
}

function businessGo(f: KitFacts): string {
  const vars = f.business.map((b) => `	${goIdentifier(b.name)} = ${goMetric(b)}`);
  return `${kitHeader('//', [
    `The business metrics of ${f.displayName}: one per businessMetrics entry of main.ts, with the same name, type, labels and help.`,
    'To add one: declare it in main.ts (businessMetrics), add it here the same way (and to Collectors), count it in your code:',
    '  business.OrdersProcessedTotal.WithLabelValues("paid").Inc()',
  ])}package business

import "github.com/prometheus/client_golang/prometheus"

${vars.length ? `var (\n${vars.join('\n')}\n)\n` : ''}
// Collectors lists every business metric, for the contract's registry.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{${f.business.map((b) => goIdentifier(b.name)).join(', ')}}
}
`;
}

/** client_golang's call: WithLabelValues(...) when the metric has labels, then Inc(), Set(v) or Observe(v). */
function goCount(b: Required<BusinessMetric>): string {
  const labels = b.labels.length > 0 ? `.WithLabelValues(${b.labels.map(() => go('example')).join(', ')})` : '';
  const call = b.type === 'counter' ? 'Inc()' : b.type === 'gauge' ? 'Set(1)' : 'Observe(0.1)';
  return `business.${goIdentifier(b.name)}${labels}.${call}`;
}

function sampleGo(f: KitFacts): string {
  const first = f.business[0];
  return `${kitHeader('//', [`A minimal ${f.displayName}: replace it with your app and keep using app/contract.`])}package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"${MODULE}/contract"${first ? `\n	"${MODULE}/contract/business"` : ''}
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
${first ? `		${goCount(first)} // an example: count what your app does\n` : ''}		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, ${go(`Hello from ${f.displayName}\n`)})
	})
	slog.Info(${go(`${f.slug} started`)})
	if err := contract.Run(mux); err != nil {
		contract.Logger.Error("server failed", "error", err.Error())
		os.Exit(1)
	}
}
`;
}

export function goKit(f: KitFacts): ContractKit {
  return {
    files: [
      { path: 'go.mod', text: goMod(), role: 'build' },
      { path: 'go.sum', text: GO_SUM, role: 'build' },
      { path: KIT, text: kitGo(f), role: 'kit' },
      { path: BUSINESS, text: businessGo(f), role: 'kit' },
      { path: 'main.go', text: sampleGo(f), role: 'sample' },
    ],
    kitFile: KIT,
    businessFile: BUSINESS,
    libraries: [`${GO_KIT_MODULE.path} ${GO_KIT_MODULE.version}`, 'log/slog (standard library)'],
    businessExample: goCount,
    runLocally: 'go run .',
  };
}
