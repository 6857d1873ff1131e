import { HEALTH_PATHS, METRICS_PATH, PORTS } from '../contract/ports';

/**
 * nginx.conf files for the reverse proxy and the mgmt sidecar. Both run as uid 101 on a
 * read-only root filesystem, so every path nginx writes points into /tmp, and both log JSON
 * lines with time, level and msg (the logging contract applies to the proxy too).
 */

const COMMON_HEAD = `worker_processes 1;
pid /tmp/nginx.pid;
error_log /dev/stderr warn;

events {
  worker_connections 1024;
}
`;

const TEMP_PATHS = `  client_body_temp_path /tmp/client_body;
  proxy_temp_path /tmp/proxy;
  fastcgi_temp_path /tmp/fastcgi;
  uwsgi_temp_path /tmp/uwsgi;
  scgi_temp_path /tmp/scgi;
  server_tokens off;`;

// $uri, not $request_uri: query strings may carry personal data (check G6).
const JSON_ACCESS_LOG = `  log_format json escape=json '{"time":"$time_iso8601","level":"info","msg":"$request_method $uri $status",'
    '"method":"$request_method","path":"$uri","status":"$status","duration_s":"$request_time",'
    '"bytes":"$body_bytes_sent","request_id":"$request_id"}';
  access_log /dev/stdout json;`;

function jsonReturn(path: string, body: string): string {
  return `    location = ${path} {\n      return 200 '${body}';\n    }`;
}

/** The health server nginx itself answers on the mgmt port, for its own probes. */
function healthServer(extraLocations: string[] = []): string {
  return `  server {
    listen ${PORTS.mgmt};
    access_log off;
    default_type application/json;
${[jsonReturn(HEALTH_PATHS.liveness, '{"status":"UP"}'), jsonReturn(HEALTH_PATHS.readiness, '{"status":"UP"}'), ...extraLocations].join('\n')}
    location / {
      return 404 '{"status":"NOT_FOUND"}';
    }
  }`;
}

export interface ProxyConfigOptions {
  /** `host:port` of the app Service. */
  readonly upstream: string;
  /** Serve /index.html for unknown non-API paths. */
  readonly spaFallback: boolean;
  /** Paths that keep their 404s with the SPA fallback on. */
  readonly apiPrefix: string;
}

/** The reverse proxy in front of the app: listens on 8080, proxies to app:8081. */
export function proxyConfig(options: ProxyConfigOptions): string {
  const spa = options.spaFallback
    ? `
    location ${options.apiPrefix} {
      proxy_pass http://app;
    }

    location / {
      proxy_pass http://app;
      proxy_intercept_errors on;
      error_page 404 = @spa;
    }

    location @spa {
      rewrite ^ /index.html break;
      proxy_pass http://app;
    }`
    : `
    location / {
      proxy_pass http://app;
    }`;
  return `${COMMON_HEAD}
http {
${JSON_ACCESS_LOG}
${TEMP_PATHS}
  client_max_body_size 10m;

  upstream app {
    server ${options.upstream};
    keepalive 16;
  }

  server {
    listen ${PORTS.nginx};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
    proxy_set_header X-Request-Id $request_id;

    # The app's metrics are for the cluster's scraper only, never for the public route.
    location = ${METRICS_PATH} {
      return 404;
    }
${spa}
  }

${healthServer()}
}
`;
}

export interface MgmtSidecarConfigOptions {
  readonly slug: string;
  readonly version: string;
}

/** The sidecar that answers the four health endpoints for an app that cannot. */
export function mgmtSidecarConfig(options: MgmtSidecarConfigOptions): string {
  const info = JSON.stringify({ app: options.slug, version: options.version });
  return `${COMMON_HEAD}
http {
  access_log off;
${TEMP_PATHS}

${healthServer([jsonReturn(HEALTH_PATHS.shutdown, 'null'), jsonReturn(HEALTH_PATHS.info, info)])}
}
`;
}
