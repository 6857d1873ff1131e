import type { DatabaseOptionsResolved } from './options';
import { execProbe, exporterFacts, secretEnv, StatefulComponent, type CredentialSpec, type ExporterSpec } from './stateful-component';
import type { AppModel } from '../contract/app-model';
import { MANIFEST_FILES } from '../contract/files';
import { PROBE_TIMEOUT_SECONDS } from '../contract/ports';
import { atLeast, STATEFUL_MINIMUM_SIZE, type Size } from '../contract/sizes';

const USER = 'app';
const DATABASE = 'app';

/** PostgreSQL 16 (official image, uid 999), data on a PVC, probed with pg_isready. */
export class Postgres extends StatefulComponent {
  readonly component = 'postgres' as const;
  readonly file = MANIFEST_FILES.database;
  readonly size: Size;
  readonly storage: string;
  readonly scratchPaths = ['/var/run/postgresql', '/tmp'];
  readonly appCredentialKey = 'DATABASE_URL';
  readonly credentials: readonly CredentialSpec[];
  readonly exporter: ExporterSpec;

  constructor(model: AppModel, options: DatabaseOptionsResolved) {
    super(model);
    this.size = atLeast(options.size, STATEFUL_MINIMUM_SIZE);
    this.storage = options.storage;
    this.credentials = [
      { key: 'POSTGRES_PASSWORD', description: 'password of the database user "app"', fromPassword: (p) => p },
      {
        key: 'DATABASE_URL',
        description: `postgres://${USER}:<password>@${this.host}:${this.port}/${DATABASE}`,
        fromPassword: (p) => `postgres://${USER}:${encodeURIComponent(p)}@${this.host}:${this.port}/${DATABASE}`,
      },
    ];
    this.exporter = {
      ...exporterFacts('postgres-exporter'),
      env: (secretName) => [
        { name: 'DATA_SOURCE_URI', value: `${this.host}:${this.port}/${DATABASE}?sslmode=disable` },
        { name: 'DATA_SOURCE_USER', value: USER },
        secretEnv('DATA_SOURCE_PASS', secretName, 'POSTGRES_PASSWORD'),
      ],
    };
  }

  connectionSettings(): Record<string, string> {
    return { DATABASE_HOST: this.host, DATABASE_PORT: String(this.port), DATABASE_NAME: DATABASE, DATABASE_USER: USER };
  }

  env(secretName: string) {
    return [
      { name: 'POSTGRES_USER', value: USER },
      { name: 'POSTGRES_DB', value: DATABASE },
      secretEnv('POSTGRES_PASSWORD', secretName),
      // A subfolder: the volume's root may hold lost+found, which initdb refuses.
      { name: 'PGDATA', value: `${this.dataPath}/pgdata` },
    ];
  }

  probes() {
    const check = ['pg_isready', '--host', '127.0.0.1', '--port', String(this.port), '--username', USER, '--dbname', DATABASE];
    return { livenessProbe: execProbe(check, PROBE_TIMEOUT_SECONDS, 30), readinessProbe: execProbe(check, PROBE_TIMEOUT_SECONDS, 5) };
  }
}
