import { DEFAULT_HOST, DEPENDENCY_TIMEOUT_SECONDS, SHUTDOWN_GRACE_SECONDS, type KitFacts } from './kit-facts';
import { exampleLabels, kitHeader, kitHeaderLines, kitPromiseLines, type ContractKit } from './kit-file';
import type { BusinessMetric } from '../../contract/answers';

/**
 * The PHP kit: php-fpm behind an nginx inside the app's image. php-fpm speaks FastCGI only,
 * and the platform reaches the app over HTTP on two ports (the scraper and the set's nginx on
 * 8081, the kubelet's probes on 8082), so an nginx in the app container answers both and hands
 * each request to php-fpm on a unix socket. `contract/start.sh` starts both, relays their
 * logs as JSON and stops them gracefully on SIGTERM.
 *
 * No Composer package: the kit must build where no Composer registry is reachable, so the
 * Prometheus text format and the JSON log lines are written in plain PHP (a few dozen lines each).
 * Metric state is shared by the php-fpm workers through one file under flock: it needs no
 * extension (APCu is not in the official PHP image and would come from PECL) and works with any
 * number of workers; the cost is one locked read-modify-write per request.
 */

/** What the kit needs besides PHP itself: the image installs these from Debian. */
export const PHP_KIT_LIBRARIES: readonly string[] = ['php-fpm (PHP 8.2 or newer)', 'nginx (Debian\'s)', 'no Composer package'];

const KIT = 'contract/Contract.php';
const BUSINESS = 'contract/business-metrics.php';
const START = 'contract/start.sh';
const SAMPLE = 'public/index.php';

/** The Dockerfile's start command, in the repository's words (read by the PHP Dockerfile). */
export const PHP_START_COMMAND: readonly string[] = ['bash', START];

/** Where php-fpm is: php-fpm in the official image, php-fpm8.x in Debian's packages (first found wins). */
export const PHP_FPM_CANDIDATES: readonly string[] = ['php-fpm', 'php-fpm8.4', 'php-fpm8.3', 'php-fpm8.2', '/usr/local/sbin/php-fpm', '/usr/sbin/php-fpm8.4', '/usr/sbin/php-fpm8.3', '/usr/sbin/php-fpm8.2'];

/** A PHP single-quoted string literal. */
const php = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const phpList = (values: readonly string[]) => `[${values.map(php).join(', ')}]`;

function contractPhp(f: KitFacts): string {
  const { framework: m, env } = f;
  const deps = f.dependencies.map((d) => `        [${php(d.component)}, ${php(d.hostEnv)}, ${php(d.portEnv)}, ${d.defaultPort}],`);
  const metric = (x: { name: string; type: string; help: string; labels: readonly string[] }) =>
    `        ${php(x.name)} => [${php(x.type)}, ${php(x.help)}, ${phpList(x.labels)}],`;
  return `<?php
${kitHeader('//', [
  ...kitHeaderLines(`The platform contract for ${f.displayName} (PHP on php-fpm): JSON logs, metrics, readiness, shutdown.`, 'the log level default, readiness (add checks of your own), the route naming'),
  '',
  ...kitPromiseLines(f, { metrics: 'with the framework metrics and your business metrics (contract/metrics.php)', exit: 'nginx and php-fpm exit (contract/start.sh)' }),
  '',
  'php-fpm loads this file before every script (auto_prepend_file in contract/php-fpm.conf): every request',
  'is counted and timed, and your code can use it directly:',
  '  \\Vibe\\Contract::info(\'order stored\', [\'order_id\' => $id]);',
  '  \\Vibe\\Contract::metric(\'orders_processed_total\')->inc([\'status\' => \'paid\']);',
  '  \\Vibe\\Contract::route(\'/orders/:id\');   // the route label, when the path alone would not do',
])}
declare(strict_types=1);

namespace Vibe;

final class Contract
{
    /** The framework metrics: name => [type, help, labels]. */
    public const FRAMEWORK = [
${[m.requests, m.duration, m.active].map(metric).join('\n')}
    ];
    public const REQUESTS = ${php(m.requests.name)};
    public const DURATION = ${php(m.duration.name)};
    public const ACTIVE = ${php(m.active.name)};
    /** Histogram buckets, in seconds, as the exposition writes them. */
    public const BUCKETS = ${phpList(f.buckets.map(String))};

    /** The components the app uses: [component, host env, port env, default port]; readiness is UP only when each accepts a connection. */
    public const DEPENDENCIES = [
${deps.join('\n')}
    ];
    public const DEPENDENCY_TIMEOUT_SECONDS = ${DEPENDENCY_TIMEOUT_SECONDS}.0;

    private const LEVELS = ['debug' => 10, 'info' => 20, 'warn' => 30, 'error' => 40];

    private static ?string $route = null;
    /** @var array<string, Metric>|null */
    private static ?array $business = null;

    /** One JSON line: {"${f.logFields.time}": ISO 8601, "${f.logFields.level}": "info", "${f.logFields.msg}": ...}. Never log passwords or personal data. */
    public static function log(string $level, string $msg, array $context = []): void
    {
        $threshold = self::LEVELS[strtolower((string) getenv(${php(env.logLevel)}))] ?? self::LEVELS['info'];
        if ((self::LEVELS[$level] ?? self::LEVELS['info']) < $threshold) {
            return;
        }
        $record = [${php(f.logFields.time)} => self::now(), ${php(f.logFields.level)} => $level, ${php(f.logFields.msg)} => $msg] + $context;
        $line = json_encode($record, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE) . "\\n";
        // Under php-fpm a worker's stderr is the master's log, which contract/start.sh relays to stdout.
        file_put_contents(PHP_SAPI === 'fpm-fcgi' ? 'php://stderr' : 'php://stdout', $line);
    }

    public static function info(string $msg, array $context = []): void
    {
        self::log('info', $msg, $context);
    }

    public static function warn(string $msg, array $context = []): void
    {
        self::log('warn', $msg, $context);
    }

    public static function error(string $msg, array $context = []): void
    {
        self::log('error', $msg, $context);
    }

    /** A business metric declared in contract/business-metrics.php. */
    public static function metric(string $name): Metric
    {
        $business = self::businessMetrics();
        if (!isset($business[$name])) {
            throw new \\InvalidArgumentException("business metric '$name' is not declared in contract/business-metrics.php (declared: " . implode(', ', array_keys($business)) . ')');
        }
        return $business[$name];
    }

    /** @return array<string, Metric> every business metric, as declared. */
    public static function businessMetrics(): array
    {
        if (self::$business === null) {
            self::$business = [];
            foreach (require __DIR__ . '/business-metrics.php' as $declared => [$type, $help, $labels]) {
                self::$business[$declared] = new Metric($declared, $type, $help, $labels);
            }
        }
        return self::$business;
    }

    /** Sets the route label of this request (e.g. '/orders/:id'); by default the path with ids replaced. */
    public static function route(string $route): void
    {
        self::$route = $route;
    }

    /** Counts and times this request when it ends (called below for every app request). */
    public static function instrument(): void
    {
        register_shutdown_function(static function (): void {
            $seconds = microtime(true) - (float) ($_SERVER['REQUEST_TIME_FLOAT'] ?? microtime(true));
            $status = http_response_code();
            $labels = [
                'method' => (string) ($_SERVER['REQUEST_METHOD'] ?? 'GET'),
                'route' => self::$route ?? self::routeOf((string) ($_SERVER['REQUEST_URI'] ?? '/')),
                'status_code' => (string) ($status === false ? 200 : $status),
            ];
            self::update(static function (array $state) use ($labels, $seconds): array {
                $key = json_encode(array_values($labels));
                $state[self::REQUESTS][$key] = ($state[self::REQUESTS][$key] ?? 0) + 1;
                $state[self::DURATION][$key] = self::observed($state[self::DURATION][$key] ?? null, $seconds);
                return $state;
            });
        });
    }

    /** The path with ids (numbers, hex, UUIDs) replaced by ":id", so routes stay few. */
    public static function routeOf(string $uri): string
    {
        $path = (string) parse_url($uri, PHP_URL_PATH);
        return implode('/', array_map(
            static fn (string $part): string => preg_match('/^(\\d+|[0-9a-f]{8,}|[0-9a-f-]{36})$/i', $part) === 1 ? ':id' : $part,
            explode('/', $path === '' ? '/' : $path),
        ));
    }

    /** A histogram series with one more observation: per-bucket counts, sum, count. */
    public static function observed(?array $series, float $value): array
    {
        $series ??= ['b' => array_fill(0, count(self::BUCKETS) + 1, 0), 's' => 0.0, 'c' => 0];
        $index = count(self::BUCKETS);
        foreach (self::BUCKETS as $i => $le) {
            if ($value <= (float) $le) {
                $index = $i;
                break;
            }
        }
        $series['b'][$index]++;
        $series['s'] += $value;
        $series['c']++;
        return $series;
    }

    /** The folder contract/start.sh made for this pod's run: metric state, flags, sockets. */
    public static function runDir(): string
    {
        $dir = getenv('VIBE_RUN_DIR');
        return $dir === false || $dir === '' ? sys_get_temp_dir() : $dir;
    }

    /** Changes the metric state shared by all php-fpm workers, under an exclusive lock. */
    public static function update(callable $change): void
    {
        $handle = fopen(self::runDir() . '/metrics.json', 'c+');
        if ($handle === false || !flock($handle, LOCK_EX)) {
            self::warn('metrics not recorded: the state file cannot be locked');
            return;
        }
        try {
            $state = json_decode((string) stream_get_contents($handle), true);
            $state = $change(is_array($state) ? $state : []);
            ftruncate($handle, 0);
            rewind($handle);
            fwrite($handle, (string) json_encode($state));
            fflush($handle);
        } finally {
            flock($handle, LOCK_UN);
            fclose($handle);
        }
    }

    /** The metric state, read under a shared lock. */
    public static function snapshot(): array
    {
        $handle = @fopen(self::runDir() . '/metrics.json', 'r');
        if ($handle === false) {
            return [];
        }
        flock($handle, LOCK_SH);
        $state = json_decode((string) stream_get_contents($handle), true);
        flock($handle, LOCK_UN);
        fclose($handle);
        return is_array($state) ? $state : [];
    }

    /** Connections open on nginx right now (its stub_status on a unix socket), or null when it does not answer. */
    public static function activeConnections(): ?int
    {
        $socket = @stream_socket_client('unix://' . self::runDir() . '/nginx-status.sock', $errno, $error, 1.0);
        if ($socket === false) {
            return null;
        }
        fwrite($socket, "GET / HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n");
        $answer = (string) stream_get_contents($socket);
        fclose($socket);
        return preg_match('/Active connections:\\s*(\\d+)/', $answer, $match) === 1 ? (int) $match[1] : null;
    }

    /** The components that do not accept a connection now. */
    public static function unreachable(): array
    {
        $down = [];
        foreach (self::DEPENDENCIES as [$component, $hostEnv, $portEnv, $defaultPort]) {
            $host = (string) getenv($hostEnv);
            $port = (int) (getenv($portEnv) ?: $defaultPort);
            $socket = $host === '' ? false : @fsockopen($host, $port, $errno, $error, self::DEPENDENCY_TIMEOUT_SECONDS);
            if ($socket === false) {
                $down[] = $component;
            } else {
                fclose($socket);
            }
        }
        return $down;
    }

    /** A flag shared by the workers: 'shutdown' (readiness OUT_OF_SERVICE) or 'broken' (liveness DOWN). */
    public static function flag(string $name, ?bool $set = null): bool
    {
        $file = self::runDir() . '/' . $name;
        if ($set === true) {
            touch($file);
        }
        return is_file($file);
    }

    /** Marks the app broken for good: liveness answers DOWN and the platform restarts the pod. */
    public static function markBroken(string $reason): void
    {
        self::flag('broken', true);
        self::error('marked broken: liveness now answers DOWN', ['reason' => $reason]);
    }

    private static function now(): string
    {
        return (new \\DateTimeImmutable('now', new \\DateTimeZone('UTC')))->format('Y-m-d\\TH:i:s.v\\Z');
    }
}

/** One business metric; its labels must be exactly the declared ones. */
final class Metric
{
    public function __construct(
        public readonly string $name,
        public readonly string $type,
        public readonly string $help,
        public readonly array $labels,
    ) {
    }

    /** Counters (and gauges): add to the value. */
    public function inc(array $labels = [], float $by = 1.0): void
    {
        if ($this->type === 'histogram') {
            throw new \\LogicException("inc() is for a counter or a gauge; '$this->name' is a histogram: use observe()");
        }
        $key = $this->key($labels);
        Contract::update(function (array $state) use ($key, $by): array {
            $state[$this->name][$key] = ($state[$this->name][$key] ?? 0) + $by;
            return $state;
        });
    }

    /** Gauges: set the value. */
    public function set(float $value, array $labels = []): void
    {
        $this->only('gauge', 'set');
        $key = $this->key($labels);
        Contract::update(function (array $state) use ($key, $value): array {
            $state[$this->name][$key] = $value;
            return $state;
        });
    }

    /** Histograms: record one observation. */
    public function observe(float $value, array $labels = []): void
    {
        $this->only('histogram', 'observe');
        $key = $this->key($labels);
        Contract::update(function (array $state) use ($key, $value): array {
            $state[$this->name][$key] = Contract::observed($state[$this->name][$key] ?? null, $value);
            return $state;
        });
    }

    private function only(string $type, string $call): void
    {
        if ($this->type !== $type) {
            throw new \\LogicException("$call() is for a $type; '$this->name' is a $this->type");
        }
    }

    private function key(array $labels): string
    {
        $given = array_keys($labels);
        if (array_diff($given, $this->labels) !== [] || array_diff($this->labels, $given) !== []) {
            throw new \\InvalidArgumentException("metric '$this->name' takes the labels [" . implode(', ', $this->labels) . '], got [' . implode(', ', $given) . ']');
        }
        return (string) json_encode(array_map(static fn (string $l): string => (string) $labels[$l], $this->labels));
    }
}

// Every app request is counted; the management and metrics scripts are not (nginx marks them).
if (PHP_SAPI === 'fpm-fcgi' && ($_SERVER['VIBE_INTERNAL'] ?? '') !== '1') {
    Contract::instrument();
}
`;
}

function businessPhp(f: KitFacts): string {
  const entries = f.business.map((b) => `    ${php(b.name)} => [${php(b.type)}, ${php(b.help)}, ${phpList(b.labels)}],`);
  return `<?php
${kitHeader('//', [
  `The business metrics of ${f.displayName}: one per businessMetrics entry of main.ts, with the same name, type, labels and help.`,
  'To add one: declare it in main.ts (businessMetrics), add it here the same way, count it in your code:',
  "  \\Vibe\\Contract::metric('orders_processed_total')->inc(['status' => 'paid']);",
])}
declare(strict_types=1);

// name => [type (counter, gauge or histogram), help, labels]
return [
${entries.join('\n')}
];
`;
}

function metricsPhp(f: KitFacts): string {
  return `<?php
${kitHeader('//', [
  `${f.paths.metrics} of ${f.displayName} in the Prometheus text format (0.0.4), written by vibe init: the framework`,
  'metrics and the business metrics, from the state all php-fpm workers share. No need to change it.',
])}
declare(strict_types=1);

namespace Vibe;

/** HELP text and label values, escaped as the text format wants. */
function escaped(string $text, bool $quotes): string
{
    $text = str_replace(['\\\\', "\\n"], ['\\\\\\\\', '\\\\n'], $text);
    return $quotes ? str_replace('"', '\\\\"', $text) : $text;
}

function labelText(array $names, array $values, array $extra = []): string
{
    $pairs = [];
    foreach ($names as $i => $name) {
        $pairs[] = $name . '="' . escaped((string) ($values[$i] ?? ''), true) . '"';
    }
    foreach ($extra as $name => $value) {
        $pairs[] = $name . '="' . $value . '"';
    }
    return $pairs === [] ? '' : '{' . implode(',', $pairs) . '}';
}

$declared = Contract::FRAMEWORK;
foreach (Contract::businessMetrics() as $name => $metric) {
    $declared[$name] = [$metric->type, $metric->help, $metric->labels];
}
$state = Contract::snapshot();
$lines = [];
foreach ($declared as $name => [$type, $help, $labels]) {
    $lines[] = "# HELP $name " . escaped($help, false);
    $lines[] = "# TYPE $name $type";
    if ($name === Contract::ACTIVE) {
        $open = Contract::activeConnections();
        if ($open !== null) {
            $lines[] = "$name $open";
        }
        continue;
    }
    $series = $state[$name] ?? [];
    if ($series === [] && $labels === [] && $type !== 'histogram') {
        $lines[] = "$name 0";
    }
    foreach ($series as $key => $value) {
        $values = json_decode((string) $key, true);
        if ($type !== 'histogram') {
            $lines[] = $name . labelText($labels, $values) . ' ' . $value;
            continue;
        }
        $cumulative = 0;
        foreach (Contract::BUCKETS as $i => $le) {
            $cumulative += $value['b'][$i];
            $lines[] = $name . '_bucket' . labelText($labels, $values, ['le' => $le]) . ' ' . $cumulative;
        }
        $lines[] = $name . '_bucket' . labelText($labels, $values, ['le' => '+Inf']) . ' ' . $value['c'];
        $lines[] = $name . '_sum' . labelText($labels, $values) . ' ' . $value['s'];
        $lines[] = $name . '_count' . labelText($labels, $values) . ' ' . $value['c'];
    }
}
header('Content-Type: text/plain; version=0.0.4; charset=utf-8');
echo implode("\\n", $lines), "\\n";
`;
}

function managementPhp(f: KitFacts): string {
  const p = f.paths;
  return `<?php
${kitHeader('//', [
  `The management endpoints of ${f.displayName} on port ${f.ports.mgmt}, written by vibe init (nginx sends every request on that port here).`,
  'You may change: readiness (add checks of your own in Contract::unreachable). Keep the paths and the bodies.',
])}
declare(strict_types=1);

namespace Vibe;

header('Content-Type: application/json');
switch (parse_url((string) ($_SERVER['REQUEST_URI'] ?? '/'), PHP_URL_PATH)) {
    case ${php(p.liveness)}:
        $broken = Contract::flag('broken');
        http_response_code($broken ? 503 : 200);
        echo $broken ? ${php(f.bodies.down)} : ${php(f.bodies.up)};
        break;
    case ${php(p.readiness)}:
        $down = Contract::flag('shutdown') ? [] : Contract::unreachable();
        if ($down !== []) {
            Contract::warn('not ready: a component does not answer', ['unreachable' => $down]);
        }
        $ready = $down === [] && !Contract::flag('shutdown');
        http_response_code($ready ? 200 : 503);
        echo $ready ? ${php(f.bodies.up)} : ${php(f.bodies.outOfService)};
        break;
    case ${php(p.info)}:
        echo json_encode(['app' => getenv(${php(f.env.slug)}) ?: ${php(f.slug)}, 'version' => getenv(${php(f.env.version)}) ?: 'unknown'], JSON_UNESCAPED_SLASHES);
        break;
    case ${php(p.shutdown)}:
        // Asked before the pod stops: stop taking traffic (readiness OUT_OF_SERVICE), keep serving.
        Contract::flag('shutdown', true);
        Contract::info('shutdown requested: readiness now answers OUT_OF_SERVICE');
        echo ${php(f.bodies.shutdown)};
        break;
    default:
        http_response_code(404);
        echo '{"error":"not found"}';
}
`;
}

function logRelayPhp(f: KitFacts): string {
  const l = f.logFields;
  return `<?php
${kitHeader('//', [
  'Written by vibe init: contract/start.sh pipes php-fpm\'s and nginx\'s own messages through this, so stdout has',
  `JSON lines only. The app's lines (already JSON) pass unchanged; a daemon's plain line becomes {"${l.time}","${l.level}","${l.msg}"}.`,
])}
declare(strict_types=1);

while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\\r\\n");
    if (trim($line) === '') {
        continue;
    }
    if ($line[0] === '{' && is_array(json_decode($line, true))) {
        fwrite(STDOUT, $line . "\\n");
        continue;
    }
    // php-fpm: "[03-Dec-2026 10:00:00] NOTICE: text"; nginx: "2026/12/03 10:00:00 [warn] 12#12: text".
    $text = preg_replace('/^\\[[^\\]]*\\]\\s+|^\\d{4}\\/\\d\\d\\/\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+/', '', $line);
    $level = match (true) {
        preg_match('/^(\\[)?(emerg|alert|crit|error|fatal|PHP Fatal|PHP Parse)/i', $text) === 1 => 'error',
        preg_match('/^(\\[)?(warn|PHP Warning)/i', $text) === 1 => 'warn',
        default => 'info',
    };
    $text = preg_replace('/^(\\[\\w+\\]\\s+\\d+#\\d+:\\s*\\*?\\d*\\s*|[A-Z]+:\\s+)/', '', (string) $text);
    $record = [${php(l.time)} => (new DateTimeImmutable('now', new DateTimeZone('UTC')))->format('Y-m-d\\TH:i:s.v\\Z'), ${php(l.level)} => $level, ${php(l.msg)} => $text];
    fwrite(STDOUT, json_encode($record, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE) . "\\n");
}
`;
}

/** nginx in the app's container: the app and /metrics on PORT, the management endpoints on MGMT_PORT. */
function nginxConf(f: KitFacts): string {
  const fastcgi = (script: string, internal: boolean) => [
    '      include @RUN@/fastcgi.conf;',
    `      fastcgi_param SCRIPT_FILENAME ${script};`,
    ...(internal ? ['      fastcgi_param VIBE_INTERNAL 1;'] : []),
    '      fastcgi_pass unix:@RUN@/php-fpm.sock;',
  ].join('\n');
  const management = f.serveManagement
    ? `
  # The management endpoints, for the kubelet's probes: never routed from outside.
  server {
    listen @HOST@:@MGMT_PORT@;
    access_log off;
    location / {
${fastcgi('@ROOT@/contract/management.php', true)}
    }
  }
`
    : `
  # mgmtSidecar is on: the sidecar answers port ${f.ports.mgmt}, this nginx does not listen there.
`;
  return `# nginx in front of php-fpm inside the app's container, written by vibe init. contract/start.sh fills in
# the @...@ values (ports from PORT and MGMT_PORT) and starts it as the app's user (uid 1000, no root).
# You may change: the locations of your app (static files, front controller). Keep the ports, ${f.paths.metrics}
# and the JSON access log (the platform's log search reads "${f.logFields.time}", "${f.logFields.level}" and "${f.logFields.msg}").
worker_processes 2;
pid @RUN@/nginx.pid;
error_log stderr warn;
# SIGTERM (contract/start.sh sends QUIT): requests in flight get this long to finish.
worker_shutdown_timeout ${SHUTDOWN_GRACE_SECONDS}s;
events {
  worker_connections 1024;
}
http {
  # The path asked for, without its query string (it may carry personal data); $uri would be /index.php.
  map $request_uri $request_path {
    ~^(?<path>[^?]*) $path;
  }
  log_format json escape=json '{"${f.logFields.time}":"$time_iso8601","${f.logFields.level}":"info","${f.logFields.msg}":"$request_method $request_path $status",'
    '"method":"$request_method","path":"$request_path","status":"$status","duration_s":"$request_time","request_id":"$request_id"}';
  # Through contract/log-relay.php to stdout (reopening /dev/stdout needs the rights of the pipe's owner).
  access_log @RUN@/daemon-log json;
  client_body_temp_path @RUN@/client_body;
  fastcgi_temp_path @RUN@/fastcgi;
  proxy_temp_path @RUN@/proxy;
  uwsgi_temp_path @RUN@/uwsgi;
  scgi_temp_path @RUN@/scgi;
  server_tokens off;
  client_max_body_size 10m;
  default_type application/octet-stream;

  # The app, on the port the set's nginx and the scraper reach.
  server {
    listen @HOST@:@PORT@;
    root @ROOT@/public;
    index index.php;

    location = ${f.paths.metrics} {
      access_log off;
${fastcgi('@ROOT@/contract/metrics.php', true)}
    }
    location / {
      try_files $uri /index.php$is_args$args;
    }
    location ~ \\.php$ {
      try_files $fastcgi_script_name =404;
${fastcgi('$document_root$fastcgi_script_name', false)}
    }
  }
${management}
  # Connections open right now, for ${f.framework.active.name}: only on a unix socket of this run.
  server {
    listen unix:@RUN@/nginx-status.sock;
    access_log off;
    location / {
      stub_status;
    }
  }
}
`;
}

/** The FastCGI parameters (nginx's usual list), so the kit needs no file from the distribution. */
const FASTCGI_PARAMS = ['QUERY_STRING $query_string', 'REQUEST_METHOD $request_method', 'CONTENT_TYPE $content_type', 'CONTENT_LENGTH $content_length',
  'SCRIPT_NAME $fastcgi_script_name', 'REQUEST_URI $request_uri', 'DOCUMENT_URI $document_uri', 'DOCUMENT_ROOT $document_root', 'SERVER_PROTOCOL $server_protocol',
  'REQUEST_SCHEME $scheme', 'HTTPS $https if_not_empty', 'GATEWAY_INTERFACE CGI/1.1', 'SERVER_SOFTWARE nginx', 'REMOTE_ADDR $remote_addr', 'REMOTE_PORT $remote_port',
  'SERVER_ADDR $server_addr', 'SERVER_PORT $server_port', 'SERVER_NAME $server_name', 'REDIRECT_STATUS 200'];

function phpFpmConf(f: KitFacts): string {
  return `; php-fpm of ${f.displayName}, written by vibe init; contract/start.sh fills in the @...@ values.
; You may change: the pm.* numbers (workers per pod). Keep: the log settings (JSON lines reach stdout
; through contract/log-relay.php), clear_env = no (the app reads its configuration from the environment)
; and auto_prepend_file (it counts every request).
[global]
pid = @RUN@/php-fpm.pid
error_log = @RUN@/daemon-log
log_limit = 16384
daemonize = no
; SIGQUIT (contract/start.sh): requests in flight get this long to finish.
process_control_timeout = ${SHUTDOWN_GRACE_SECONDS}s

[app]
listen = @RUN@/php-fpm.sock
listen.mode = 0600
pm = dynamic
pm.max_children = 8
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 4
clear_env = no
catch_workers_output = yes
decorate_workers_output = no
php_admin_value[auto_prepend_file] = @ROOT@/contract/Contract.php
php_admin_flag[display_errors] = off
php_admin_flag[log_errors] = on
`;
}

function startSh(f: KitFacts): string {
  const { env } = f;
  return `#!/usr/bin/env bash
${kitHeader('#', [
  `Starts ${f.displayName}: php-fpm and nginx (contract/nginx.conf) as this user, written by vibe init.`,
  'You may change: nothing, usually. It fills in the ports, relays the daemons\' messages as JSON lines and',
  `on SIGTERM turns readiness OUT_OF_SERVICE, lets requests in flight finish (${SHUTDOWN_GRACE_SECONDS} s at most) and exits 0.`,
])}set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST=\${${env.host}:-${DEFAULT_HOST}}
PORT=\${${env.port}:-${f.ports.http}}
MGMT_PORT=\${${env.mgmtPort}:-${f.ports.mgmt}}
RUN=$(mktemp -d "\${TMPDIR:-/tmp}/vibe-php.XXXXXX")
export VIBE_RUN_DIR=$RUN

log() {
  printf '{"${f.logFields.time}":"%s","${f.logFields.level}":"%s","${f.logFields.msg}":"%s"}\\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$1" "$2"
}

# php-fpm is php-fpm in the official image, php-fpm8.x in Debian's packages.
FPM=""
for candidate in ${PHP_FPM_CANDIDATES.join(' ')}; do
  if command -v "$candidate" >/dev/null 2>&1; then FPM=$(command -v "$candidate"); break; fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "$FPM" ] || [ ! -x "$NGINX" ]; then
  log error "php-fpm or nginx is not installed (found php-fpm: \${FPM:-none}, nginx: $NGINX)"
  exit 1
fi

render() {
  sed -e "s#@RUN@#$RUN#g" -e "s#@ROOT@#$ROOT#g" -e "s#@HOST@#$HOST#g" -e "s#@PORT@#$PORT#g" -e "s#@MGMT_PORT@#$MGMT_PORT#g" "$1" > "$2"
}
render "$ROOT/contract/nginx.conf" "$RUN/nginx.conf"
render "$ROOT/contract/php-fpm.conf" "$RUN/php-fpm.conf"
cat > "$RUN/fastcgi.conf" <<'PARAMS'
${FASTCGI_PARAMS.map((p) => `fastcgi_param ${p};`).join('\n')}
PARAMS

# The daemons' own messages (and the app's, through php-fpm) go through the relay to stdout.
mkfifo "$RUN/daemon-log"
php "$ROOT/contract/log-relay.php" < "$RUN/daemon-log" &
RELAY=$!
exec 3> "$RUN/daemon-log"

"$FPM" --nodaemonize --fpm-config "$RUN/php-fpm.conf" >&3 2>&3 &
FPM_PID=$!
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -e stderr -g 'daemon off;' 2>&3 &
NGINX_PID=$!
log info "${f.slug} listening on $HOST:$PORT (app, ${f.paths.metrics})${f.serveManagement ? ' and $HOST:$MGMT_PORT (management)' : ''}"

stop() {
  trap '' TERM INT
  : > "$RUN/shutdown"
  log info "stopping ($1): readiness OUT_OF_SERVICE, finishing requests in flight"
  kill -QUIT "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" || true
  kill -QUIT "$FPM_PID" 2>/dev/null || true
  wait "$FPM_PID" || true
  exec 3>&-
  wait "$RELAY" || true
  rm -rf "$RUN"
  log info "stopped"
  exit 0
}
trap 'stop SIGTERM' TERM
trap 'stop SIGINT' INT

# Either daemon exiting on its own ends the container (the platform restarts it).
set +e
wait -n "$FPM_PID" "$NGINX_PID"
code=$?
log error "php-fpm or nginx exited on its own (status $code): stopping"
kill -TERM "$FPM_PID" "$NGINX_PID" 2>/dev/null
exec 3>&-
wait
rm -rf "$RUN"
exit 1
`;
}

function samplePhp(f: KitFacts): string {
  const first = f.business[0];
  const count = first ? `    ${phpCount(first)} // an example: count what your app does\n` : '';
  return `<?php
${kitHeader('//', [
  `A minimal ${f.displayName}: replace it with your app. The contract (contract/Contract.php) is already loaded.`,
])}
declare(strict_types=1);

use Vibe\\Contract;

if (($_SERVER['REQUEST_METHOD'] ?? 'GET') === 'GET' && parse_url((string) $_SERVER['REQUEST_URI'], PHP_URL_PATH) === '/') {
${count}    header('Content-Type: text/plain; charset=utf-8');
    echo ${php(`Hello from ${f.displayName}`)}, "\\n";
    return;
}
http_response_code(404);
header('Content-Type: text/plain; charset=utf-8');
echo "Not found\\n";
`;
}

/** The kit's call: inc(labels), set(value, labels), observe(value, labels). */
function phpCount(b: Required<BusinessMetric>): string {
  const labels = b.labels.length > 0 ? `[${Object.entries(exampleLabels(b)).map(([k, v]) => `${php(k)} => ${php(v)}`).join(', ')}]` : '';
  const call = b.type === 'counter' ? `inc(${labels})` : `${b.type === 'gauge' ? 'set' : 'observe'}(${[b.type === 'gauge' ? '1' : '0.1', labels].filter((a) => a !== '').join(', ')})`;
  return `\\Vibe\\Contract::metric(${php(b.name)})->${call};`;
}

export function phpKit(f: KitFacts): ContractKit {
  return {
    files: [
      { path: KIT, text: contractPhp(f), role: 'kit' },
      { path: BUSINESS, text: businessPhp(f), role: 'kit' },
      { path: 'contract/metrics.php', text: metricsPhp(f), role: 'kit' },
      { path: 'contract/management.php', text: managementPhp(f), role: 'kit' },
      { path: 'contract/log-relay.php', text: logRelayPhp(f), role: 'kit' },
      { path: 'contract/nginx.conf', text: nginxConf(f), role: 'kit' },
      { path: 'contract/php-fpm.conf', text: phpFpmConf(f), role: 'kit' },
      { path: START, text: startSh(f), role: 'kit' },
      { path: SAMPLE, text: samplePhp(f), role: 'sample' },
    ],
    kitFile: KIT,
    businessFile: BUSINESS,
    libraries: [...PHP_KIT_LIBRARIES],
    businessExample: phpCount,
    runLocally: `${PHP_START_COMMAND.join(' ')} (needs php-fpm and nginx)`,
  };
}
