import { DEFAULT_HOST, DEPENDENCY_TIMEOUT_SECONDS, SHUTDOWN_GRACE_SECONDS, type KitFacts } from './kit-facts';
import { kitHeader, kitHeaderLines, kitPromiseLines, type ContractKit } from './kit-file';
import type { BusinessMetric } from '../../contract/answers';

/** The Maven artifacts of the JVM kit, at the versions its test builds with. */
export const JVM_KIT_DEPENDENCIES = [
  { groupId: 'io.prometheus', artifactId: 'prometheus-metrics-core', version: '1.10.0' },
  { groupId: 'io.prometheus', artifactId: 'prometheus-metrics-exporter-httpserver', version: '1.10.0' },
  { groupId: 'io.prometheus', artifactId: 'prometheus-metrics-instrumentation-jvm', version: '1.10.0' },
  { groupId: 'ch.qos.logback', artifactId: 'logback-classic', version: '1.5.38' },
  { groupId: 'net.logstash.logback', artifactId: 'logstash-logback-encoder', version: '8.1' },
] as const;

const PLUGINS = { compiler: '3.13.0', shade: '3.6.2' } as const;

const JAVA = 'src/main/java/app';
const KIT = `${JAVA}/contract/Contract.java`;
const BUSINESS = `${JAVA}/contract/BusinessMetrics.java`;

const java = (value: string) => JSON.stringify(value);
const javaArgs = (values: readonly string[]) => values.map(java).join(', ');

/** `orders_processed_total` → `ORDERS_PROCESSED_TOTAL`. */
export function javaConstant(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

function pomXml(f: KitFacts, release: number): string {
  const deps = JVM_KIT_DEPENDENCIES.map(
    (d) => `    <dependency>\n      <groupId>${d.groupId}</groupId>\n      <artifactId>${d.artifactId}</artifactId>\n      <version>${d.version}</version>\n    </dependency>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${f.displayName}: \`mvn package\` builds one runnable jar, target/app.jar (CI copies it to app.jar for the image). -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>app</groupId>
  <artifactId>${f.slug}</artifactId>
  <version>1.0.0</version>
  <packaging>jar</packaging>

  <properties>
    <maven.compiler.release>${release}</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>

  <dependencies>
${deps.join('\n')}
  </dependencies>

  <build>
    <finalName>app</finalName>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>${PLUGINS.compiler}</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <version>${PLUGINS.shade}</version>
        <executions>
          <execution>
            <phase>package</phase>
            <goals><goal>shade</goal></goals>
            <configuration>
              <createDependencyReducedPom>false</createDependencyReducedPom>
              <transformers>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
                  <mainClass>app.Main</mainClass>
                </transformer>
                <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
              </transformers>
              <filters>
                <filter>
                  <artifact>*:*</artifact>
                  <excludes><exclude>META-INF/*.SF</exclude><exclude>META-INF/*.DSA</exclude><exclude>META-INF/*.RSA</exclude><exclude>module-info.class</exclude></excludes>
                </filter>
              </filters>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
`;
}

function logbackXml(f: KitFacts): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!--
  Logs of ${f.displayName}: one JSON object per line on stdout, {"${f.logFields.time}": ISO 8601, "${f.logFields.level}": "info", "${f.logFields.msg}": ...}
  (logstash-logback-encoder). Written by vibe init. You may change the root level default; keep the
  field names (Grafana reads them) and the console appender (file logs are invisible to the platform).
-->
<configuration>
  <!-- logback's own status lines are plain text: keep them off stdout. -->
  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
  <conversionRule conversionWord="levelLower" class="app.contract.LowerCaseLevel"/>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder class="net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder">
      <providers>
        <timestamp><fieldName>${f.logFields.time}</fieldName><pattern>[ISO_OFFSET_DATE_TIME]</pattern><timeZone>UTC</timeZone></timestamp>
        <pattern><pattern>{"${f.logFields.level}": "%levelLower"}</pattern></pattern>
        <message><fieldName>${f.logFields.msg}</fieldName></message>
        <loggerName><fieldName>logger</fieldName></loggerName>
        <mdc/>
        <arguments/>
        <stackTrace><fieldName>error</fieldName></stackTrace>
      </providers>
    </encoder>
  </appender>
  <root level="\${${f.env.logLevel}:-info}">
    <appender-ref ref="STDOUT"/>
  </root>
</configuration>
`;
}

function lowerCaseLevelJava(): string {
  return `${kitHeader('//', ['The log level as the platform reads it: "info", not "INFO" (logback.xml uses it). Written by vibe init.'])}package app.contract;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;

public final class LowerCaseLevel extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return event.getLevel().toString().toLowerCase(Locale.ROOT);
  }
}
`;
}

function contractJava(f: KitFacts): string {
  const { framework: m, env } = f;
  const deps = f.dependencies.map((d) => `      new Dependency(${java(d.component)}, System.getenv(${java(d.hostEnv)}), Integer.parseInt(env(${java(d.portEnv)}, "${d.defaultPort}"))),`);
  return `${kitHeader('//', [
    ...kitHeaderLines(`The platform contract for ${f.displayName} (JVM): management endpoints, /metrics, JSON logs, shutdown.`, 'the thread pool size, readiness (add checks of your own), the route naming'),
    '',
    ...kitPromiseLines(f, { metrics: 'with the JVM, framework and business metrics (Prometheus Java client)', logs: 'JSON log lines on stdout through SLF4J and logback.xml', exit: 'the process exits 0' }),
    '',
    'Use it: Contract.run(Map.of("/", yourHandler)); log with Contract.LOG or any SLF4J logger.',
  ])}package app.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import static net.logstash.logback.argument.StructuredArguments.kv;

public final class Contract {
  private static final String HOST = env(${java(env.host)}, ${java(DEFAULT_HOST)});
  private static final int PORT = Integer.parseInt(env(${java(env.port)}, "${f.ports.http}"));
  private static final int MGMT_PORT = Integer.parseInt(env(${java(env.mgmtPort)}, "${f.ports.mgmt}"));
  private static final String APP = env(${java(env.slug)}, ${java(f.slug)});
  private static final String VERSION = env(${java(env.version)}, "unknown");
  /** False when the mgmt sidecar answers the management endpoints (mgmtSidecar in main.ts). */
  private static final boolean SERVE_MANAGEMENT = ${f.serveManagement};

  /** JSON lines on stdout (see logback.xml). Never log passwords or personal data. */
  public static final Logger LOG = LoggerFactory.getLogger("app");

  public static final PrometheusRegistry REGISTRY = PrometheusRegistry.defaultRegistry;
  private static final Counter REQUESTS = Counter.builder().name(${java(m.requests.name)}).help(${java(m.requests.help)}).labelNames(${javaArgs(m.requests.labels)}).register(REGISTRY);
  private static final Histogram DURATION = Histogram.builder().name(${java(m.duration.name)}).help(${java(m.duration.help)}).labelNames(${javaArgs(m.duration.labels)})
      .classicOnly().classicUpperBounds(${f.buckets.join(', ')}).register(REGISTRY);
  /** Requests in flight (the JDK server has no connection hook). */
  private static final Gauge ACTIVE = Gauge.builder().name(${java(m.active.name)}).help(${java(m.active.help)}).register(REGISTRY);

  static {
    JvmMetrics.builder().register(REGISTRY);
    BusinessMetrics.register(REGISTRY);
  }

  private record Dependency(String component, String host, int port) {}

  /** The components the app uses; readiness is UP only when each accepts a connection. */
  private static final List<Dependency> DEPENDENCIES = List.of(
${deps.join('\n').replace(/,$/, '')}
  );

  private static final AtomicBoolean BROKEN = new AtomicBoolean(false);
  private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean(false);
  private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
  private static final Pattern ID = Pattern.compile("^(\\\\d+|[0-9a-fA-F]{8,}|[0-9a-fA-F-]{36})$");

  private Contract() {}

  /** Marks the app broken for good: liveness answers DOWN and the platform restarts the pod. */
  public static void markBroken(String reason) {
    BROKEN.set(true);
    LOG.error("marked broken: liveness now answers DOWN", kv("reason", reason));
  }

  static boolean ready() {
    if (SHUTTING_DOWN.get()) return false;
    List<String> down = new ArrayList<>();
    for (Dependency d : DEPENDENCIES) {
      if (d.host() == null || d.host().isEmpty()) {
        down.add(d.component());
        continue;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(d.host(), d.port()), ${DEPENDENCY_TIMEOUT_SECONDS * 1000});
      } catch (IOException e) {
        down.add(d.component());
      }
    }
    if (!down.isEmpty()) LOG.warn("not ready: a component does not answer", kv("unreachable", down));
    return down.isEmpty();
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static HttpServer management(ExecutorService executor) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(HOST, MGMT_PORT), 0);
    String json = "application/json";
    server.createContext(${java(f.paths.liveness)}, e -> send(e, BROKEN.get() ? 503 : 200, json, BROKEN.get() ? ${java(f.bodies.down)} : ${java(f.bodies.up)}));
    server.createContext(${java(f.paths.readiness)}, e -> {
      boolean ok = ready();
      send(e, ok ? 200 : 503, json, ok ? ${java(f.bodies.up)} : ${java(f.bodies.outOfService)});
    });
    server.createContext(${java(f.paths.info)}, e -> send(e, 200, json, "{\\"app\\":\\"" + APP + "\\",\\"version\\":\\"" + VERSION + "\\"}"));
    server.createContext(${java(f.paths.shutdown)}, e -> {
      // Asked before the pod stops: stop taking traffic (readiness OUT_OF_SERVICE), keep serving.
      SHUTTING_DOWN.set(true);
      LOG.info("shutdown requested: readiness now answers OUT_OF_SERVICE");
      send(e, 200, json, ${java(f.bodies.shutdown)});
    });
    server.setExecutor(executor);
    return server;
  }

  /** The route label: the context path the handler is mounted on when it is not "/", else the path with ids replaced by ":id". */
  static String routeOf(HttpExchange exchange) {
    String context = exchange.getHttpContext().getPath();
    if (!context.equals("/")) return context;
    String[] parts = exchange.getRequestURI().getPath().split("/", -1);
    for (int i = 0; i < parts.length; i++) if (ID.matcher(parts[i]).matches()) parts[i] = ":id";
    return String.join("/", parts);
  }

  /** Wraps a handler: counts and times every request, logs it, answers 500 on an exception. */
  public static HttpHandler instrument(HttpHandler handler) {
    return exchange -> {
      long started = System.nanoTime();
      ACTIVE.inc();
      IN_FLIGHT.incrementAndGet();
      int status;
      try {
        handler.handle(exchange);
        status = exchange.getResponseCode();
      } catch (Exception e) {
        LOG.error("request failed", kv("error", String.valueOf(e.getMessage())));
        status = 500;
        try {
          send(exchange, 500, "application/json", "{\\"error\\":\\"internal error\\"}");
        } catch (IOException ignored) {
          // the answer had started already
        }
      } finally {
        ACTIVE.dec();
        IN_FLIGHT.decrementAndGet();
        exchange.close();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      String route = routeOf(exchange);
      String code = Integer.toString(status);
      REQUESTS.labelValues(exchange.getRequestMethod(), route, code).inc();
      DURATION.labelValues(exchange.getRequestMethod(), route, code).observe(seconds);
      LOG.info("request", kv("method", exchange.getRequestMethod()), kv("route", route), kv("status", status), kv("duration_ms", Math.round(seconds * 1000)));
    };
  }

  /**
   * Serves the app's handlers (path → handler) on PORT with ${f.paths.metrics}, and the management
   * endpoints on MGMT_PORT, until SIGTERM; then finishes requests in flight (at most ${SHUTDOWN_GRACE_SECONDS} s) and exits 0.
   */
  public static void run(Map<String, HttpHandler> routes) throws IOException {
    ExecutorService executor = Executors.newFixedThreadPool(32);
    HttpServer app = HttpServer.create(new InetSocketAddress(HOST, PORT), 0);
    app.createContext(${java(f.paths.metrics)}, new MetricsHandler(REGISTRY));
    routes.forEach((path, handler) -> app.createContext(path, instrument(handler)));
    app.setExecutor(executor);
    HttpServer mgmt = management(executor);
    app.start();
    if (SERVE_MANAGEMENT) mgmt.start();
    LOG.info("listening", kv("port", PORT), kv("mgmt_port", MGMT_PORT));

    Runnable stop = () -> {
      SHUTTING_DOWN.set(true);
      LOG.info("stopping: finishing requests in flight");
      // Readiness answers OUT_OF_SERVICE now, so traffic drains; wait for what is in flight, then close.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(${SHUTDOWN_GRACE_SECONDS});
      while (IN_FLIGHT.get() > 0 && System.nanoTime() < until) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      app.stop(0);
      if (SERVE_MANAGEMENT) mgmt.stop(0);
      executor.shutdown();
      try {
        executor.awaitTermination(${SHUTDOWN_GRACE_SECONDS}, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.info("stopped");
      System.exit(0);
    };
    // A signal handler rather than a shutdown hook, so a clean stop exits 0 (not 143).
    Signal.handle(new Signal("TERM"), s -> new Thread(stop).start());
    Signal.handle(new Signal("INT"), s -> new Thread(stop).start());
  }

  private static String env(String key, String fallback) {
    String value = System.getenv(key);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
`;
}

function businessField(b: Required<BusinessMetric>): string {
  const kind = { counter: 'Counter', gauge: 'Gauge', histogram: 'Histogram' }[b.type];
  const labels = b.labels.length > 0 ? `.labelNames(${javaArgs(b.labels)})` : '';
  return `  public static final ${kind} ${javaConstant(b.name)} = ${kind}.builder().name(${java(b.name)}).help(${java(b.help)})${labels}${b.type === 'histogram' ? '.classicOnly()' : ''}.build();`;
}

function businessJava(f: KitFacts): string {
  return `${kitHeader('//', [
    `The business metrics of ${f.displayName}: one per businessMetrics entry of main.ts, with the same name, type, labels and help.`,
    'To add one: declare it in main.ts (businessMetrics), add it here the same way (and to register), count it in your code:',
    '  BusinessMetrics.ORDERS_PROCESSED_TOTAL.labelValues("paid").inc();',
  ])}package app.contract;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

public final class BusinessMetrics {
${f.business.map(businessField).join('\n')}

  private BusinessMetrics() {}

  static void register(PrometheusRegistry registry) {
${f.business.map((b) => `    registry.register(${javaConstant(b.name)});`).join('\n')}
  }
}
`;
}

/** The Prometheus Java client's call: labelValues(...) when the metric has labels, then inc(), set(v) or observe(v). */
function javaCount(b: Required<BusinessMetric>): string {
  const labels = b.labels.length > 0 ? `.labelValues(${b.labels.map(() => java('example')).join(', ')})` : '';
  const call = b.type === 'counter' ? 'inc()' : b.type === 'gauge' ? 'set(1)' : 'observe(0.1)';
  return `BusinessMetrics.${javaConstant(b.name)}${labels}.${call};`;
}

function mainJava(f: KitFacts): string {
  const first = f.business[0];
  return `${kitHeader('//', [`A minimal ${f.displayName}: replace it with your app and keep using app.contract.`])}package app;

import app.contract.BusinessMetrics;
import app.contract.Contract;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

public final class Main {
  public static void main(String[] args) throws Exception {
    Contract.run(Map.of("/", exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
${first ? `      ${javaCount(first)} // an example: count what your app does\n` : ''}      byte[] body = ${java(`Hello from ${f.displayName}\n`)}.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }));
    Contract.LOG.info(${java(`${f.slug} started`)});
  }

  private Main() {}
}
`;
}

export function jvmKit(release: number): (f: KitFacts) => ContractKit {
  return (f) => ({
    files: [
      { path: 'pom.xml', text: pomXml(f, release), role: 'build' },
      { path: KIT, text: contractJava(f), role: 'kit' },
      { path: `${JAVA}/contract/LowerCaseLevel.java`, text: lowerCaseLevelJava(), role: 'kit' },
      { path: BUSINESS, text: businessJava(f), role: 'kit' },
      { path: 'src/main/resources/logback.xml', text: logbackXml(f), role: 'kit' },
      { path: `${JAVA}/Main.java`, text: mainJava(f), role: 'sample' },
    ],
    kitFile: KIT,
    businessFile: BUSINESS,
    libraries: JVM_KIT_DEPENDENCIES.map((d) => `${d.artifactId} ${d.version}`),
    businessExample: javaCount,
    runLocally: 'mvn -q package && java -jar target/app.jar',
  });
}
