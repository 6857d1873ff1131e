import type { DatabaseOptionsResolved } from './options';
import { execProbe, exporterFacts, secretEnv, StatefulComponent, type CredentialSpec, type ExporterSpec } from './stateful-component';
import type { AppModel } from '../contract/app-model';
import { MANIFEST_FILES } from '../contract/files';
import { PROBE_TIMEOUT_WITH_DATABASE_SECONDS } from '../contract/ports';
import { atLeast, STATEFUL_MINIMUM_SIZE, type Size } from '../contract/sizes';

const ROOT_USER = 'root';
const DATABASE = 'app';

/** MongoDB 7.0 (official image, uid 999), data on a PVC, probed with a ping through mongosh. */
export class Mongo extends StatefulComponent {
  readonly component = 'mongo' as const;
  readonly file = MANIFEST_FILES.database;
  readonly size: Size;
  readonly storage: string;
  readonly scratchPaths = ['/data/configdb', '/tmp'];
  readonly appCredentialKey = 'MONGO_URL';
  readonly credentials: readonly CredentialSpec[];
  readonly exporter: ExporterSpec;

  constructor(model: AppModel, options: DatabaseOptionsResolved) {
    super(model);
    this.size = atLeast(options.size, STATEFUL_MINIMUM_SIZE);
    this.storage = options.storage;
    const url = (password: string) => `mongodb://${ROOT_USER}:${password}@${this.host}:${this.port}/${DATABASE}?authSource=admin`;
    this.credentials = [
      { key: 'MONGO_INITDB_ROOT_PASSWORD', description: 'password of the MongoDB user "root"', fromPassword: (p) => p },
      { key: 'MONGO_URL', description: url('<password>'), fromPassword: (p) => url(encodeURIComponent(p)) },
    ];
    const facts = exporterFacts('mongodb-exporter');
    this.exporter = {
      ...facts,
      // User and password from the environment keep the password out of the process arguments.
      env: (secretName) => [
        { name: 'MONGODB_URI', value: `mongodb://${this.host}:${this.port}/admin` },
        { name: 'MONGODB_USER', value: ROOT_USER },
        secretEnv('MONGODB_PASSWORD', secretName, 'MONGO_INITDB_ROOT_PASSWORD'),
      ],
      args: ['--collect-all', '--compatible-mode', `--web.listen-address=:${facts.port}`],
    };
  }

  connectionSettings(): Record<string, string> {
    return { MONGO_HOST: this.host, MONGO_PORT: String(this.port), MONGO_DATABASE: DATABASE };
  }

  env(secretName: string) {
    return [{ name: 'MONGO_INITDB_ROOT_USERNAME', value: ROOT_USER }, secretEnv('MONGO_INITDB_ROOT_PASSWORD', secretName)];
  }

  probes() {
    // `ping` needs no login, so the probe holds no password.
    const check = ['mongosh', '--quiet', '--norc', '--eval', "db.adminCommand('ping').ok"];
    return {
      livenessProbe: execProbe(check, PROBE_TIMEOUT_WITH_DATABASE_SECONDS, 30),
      readinessProbe: execProbe(check, PROBE_TIMEOUT_WITH_DATABASE_SECONDS, 10),
    };
  }
}
