import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The JVM kit (Prometheus Java client 1.x, logback with logstash-logback-encoder): `mvn package`
 * builds the runnable jar the image runs, with Maven's local repository under the kit caches.
 * jvm17 because this machine has JDK 17 (the jvm21 kit differs only in maven.compiler.release).
 */
describeKit({
  runtime: 'jvm17',
  label: 'JVM',
  tools: [['java', ['-version']], ['mvn', ['--version']]],
  build: async (dir) => [await step('mvn', ['-B', '-q', `-Dmaven.repo.local=${path.join(KIT_CACHE, 'maven')}`, 'package'], dir)],
  start: (dir) => ['java', ['-XX:+ExitOnOutOfMemoryError', '-jar', path.join(dir, 'target', 'app.jar')]],
});
