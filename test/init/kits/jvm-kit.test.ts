import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The JVM kit (Prometheus Java client 1.x, logback with logstash-logback-encoder): `mvn package`
 * builds the runnable jar the image runs, with Maven's local repository under the kit caches.
 * Both rows; they differ only in maven.compiler.release. Each row builds and runs on a JDK at
 * least as new as its release, found among JAVA_HOME and /usr/lib/jvm (the system JDK here is 17;
 * a newer one may lie beside it): Maven compiles with JAVA_HOME's javac, the jar runs on its java.
 */
interface Jdk {
  readonly home: string;
  readonly major: number;
}

/** The JDKs on this machine: JAVA_HOME first, then /usr/lib/jvm, each with its javac's major version. */
function jdks(): Jdk[] {
  const root = '/usr/lib/jvm';
  const installed = fs.existsSync(root) ? fs.readdirSync(root).map((d) => path.join(root, d)) : [];
  const homes = [process.env.JAVA_HOME, ...installed].filter((h): h is string => !!h && fs.existsSync(h));
  const found: Jdk[] = [];
  for (const home of new Set(homes.map((h) => fs.realpathSync.native(h)))) {
    const probe = spawnSync(path.join(home, 'bin', 'javac'), ['-version'], { encoding: 'utf8' });
    const major = Number(/javac (\d+)/.exec(`${probe.stdout}${probe.stderr}`)?.[1] ?? 0);
    if (probe.status === 0 && major > 0) found.push({ home, major });
  }
  return found;
}

const JDKS = jdks();

/** The oldest JDK that compiles --release `release` (closest to the row's own runtime), or undefined. */
function jdkFor(release: number): Jdk | undefined {
  return JDKS.filter((j) => j.major >= release).sort((a, b) => a.major - b.major)[0];
}

function jvmCase(release: 17 | 21): void {
  const jdk = jdkFor(release);
  describeKit({
    runtime: `jvm${release}`,
    label: `JVM ${release}`,
    tools: [['mvn', ['--version']]],
    requires: () => (jdk ? undefined : `no JDK ${release} or newer here (found: ${JDKS.map((j) => `${j.home} (${j.major})`).join(', ') || 'none'}); the jvm${release} kit compiles with --release ${release}`),
    build: async (dir) => {
      process.stdout.write(`JVM ${release} kit builds with --release ${release} on ${jdk!.home} (JDK ${jdk!.major})\n`);
      const maven = await step('mvn', ['-B', '-q', `-Dmaven.repo.local=${path.join(KIT_CACHE, 'maven')}`, 'package'], dir, { JAVA_HOME: jdk!.home });
      if (maven.status !== 0) return [maven];
      // The class files are for the row's Java (class file major = release + 44), whatever JDK compiled them.
      const major = fs.readFileSync(path.join(dir, 'target', 'classes', 'app', 'Main.class')).readUInt16BE(6);
      return [maven, { command: `class file version of app/Main.class (${major})`, status: major === release + 44 ? 0 : 1, output: `expected ${release + 44}`, seconds: 0 }];
    },
    start: (dir) => [path.join(jdk!.home, 'bin', 'java'), ['-XX:+ExitOnOutOfMemoryError', '-jar', path.join(dir, 'target', 'app.jar')]],
  });
}

jvmCase(21);
jvmCase(17);
