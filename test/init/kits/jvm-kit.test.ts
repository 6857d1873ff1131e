import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The JVM kit (Prometheus Java client 1.x, logback with logstash-logback-encoder): `mvn package`
 * builds the runnable jar the image runs, with Maven's local repository under the kit caches.
 * Both rows; the jvm21 kit differs only in maven.compiler.release and needs a JDK 21 to build.
 */
const MAVEN = (dir: string) => step('mvn', ['-B', '-q', `-Dmaven.repo.local=${path.join(KIT_CACHE, 'maven')}`, 'package'], dir);
const START = (dir: string) => ['java', ['-XX:+ExitOnOutOfMemoryError', '-jar', path.join(dir, 'target', 'app.jar')]] as const;

/** The JDK's major version (`javac 17.0.15` → 17), or 0 when it cannot be read. */
function jdkMajor(): number {
  const probe = spawnSync('javac', ['-version'], { encoding: 'utf8' });
  return Number(/javac (\d+)/.exec(`${probe.stdout}${probe.stderr}`)?.[1] ?? 0);
}

describeKit({
  runtime: 'jvm21',
  label: 'JVM 21',
  tools: [['java', ['-version']], ['mvn', ['--version']]],
  requires: () => (jdkMajor() >= 21 ? undefined : `the JDK here is ${jdkMajor()}; the jvm21 kit compiles with --release 21`),
  build: async (dir) => [await MAVEN(dir)],
  start: START,
});

describeKit({
  runtime: 'jvm17',
  label: 'JVM 17',
  tools: [['java', ['-version']], ['mvn', ['--version']]],
  build: async (dir) => [await MAVEN(dir)],
  start: START,
});
