import type { RedisOptionsResolved } from './options';
import { execProbe, exporterFacts, secretEnv, StatefulComponent, type CredentialSpec, type ExporterSpec } from './stateful-component';
import type { AppModel } from '../contract/app-model';
import { MANIFEST_FILES } from '../contract/files';
import { PROBE_TIMEOUT_SECONDS } from '../contract/ports';
import { STATEFUL_MINIMUM_SIZE } from '../contract/sizes';

/** Redis 7.4 (official image, uid 999) with a password; append-only persistence when asked. */
export class Redis extends StatefulComponent {
  readonly component = 'redis' as const;
  readonly file = MANIFEST_FILES.redis;
  readonly size = STATEFUL_MINIMUM_SIZE;
  readonly storage: string | undefined;
  readonly scratchPaths = ['/tmp'];
  readonly appCredentialKey = 'REDIS_URL';
  readonly credentials: readonly CredentialSpec[];
  readonly exporter: ExporterSpec;

  constructor(
    model: AppModel,
    private readonly options: RedisOptionsResolved,
  ) {
    super(model);
    this.storage = options.persistence ? options.storage : undefined;
    const url = (password: string) => `redis://:${password}@${this.host}:${this.port}/0`;
    this.credentials = [
      { key: 'REDIS_PASSWORD', description: 'password of the Redis server', fromPassword: (p) => p },
      { key: 'REDIS_URL', description: url('<password>'), fromPassword: (p) => url(encodeURIComponent(p)) },
    ];
    this.exporter = {
      ...exporterFacts('redis-exporter'),
      env: (secretName) => [
        { name: 'REDIS_ADDR', value: `redis://${this.host}:${this.port}` },
        secretEnv('REDIS_PASSWORD', secretName),
      ],
    };
  }

  connectionSettings(): Record<string, string> {
    return { REDIS_HOST: this.host, REDIS_PORT: String(this.port) };
  }

  env(secretName: string) {
    return [secretEnv('REDIS_PASSWORD', secretName)];
  }

  /**
   * The password goes in through stdin (`redis-server -` reads its config there, from a
   * here-document), so it never shows in the process list as `--requirepass <password>` would;
   * `exec` keeps redis-server as PID 1 so it gets SIGTERM and shuts down cleanly.
   */
  command(): string[] {
    const persistence = this.options.persistence ? '--appendonly yes' : "--appendonly no --save ''";
    const script = `exec redis-server - --port ${this.port} --dir ${this.dataPath} ${persistence} <<EOF\nrequirepass "$REDIS_PASSWORD"\nEOF\n`;
    return ['sh', '-c', script];
  }

  probes() {
    // REDISCLI_AUTH keeps the password out of redis-cli's arguments.
    const check = ['sh', '-c', `REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p ${this.port} ping | grep -q PONG`];
    return { livenessProbe: execProbe(check, PROBE_TIMEOUT_SECONDS, 15), readinessProbe: execProbe(check, PROBE_TIMEOUT_SECONDS, 5) };
  }
}
