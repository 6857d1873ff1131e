import type { RabbitmqOptionsResolved } from './options';
import { execProbe, secretEnv, StatefulComponent, type CredentialSpec } from './stateful-component';
import type { AppModel } from '../contract/app-model';
import { MANIFEST_FILES } from '../contract/files';
import { PROBE_TIMEOUT_WITH_DATABASE_SECONDS } from '../contract/ports';
import { STATEFUL_MINIMUM_SIZE } from '../contract/sizes';

const USER = 'app';

/**
 * RabbitMQ 3.13 (official image, uid 999). The app gets AMQP on 5672; the management UI port is
 * not declared, not in the Service and not allowed by any policy.
 */
export class Rabbitmq extends StatefulComponent {
  readonly component = 'rabbitmq' as const;
  readonly file = MANIFEST_FILES.rabbitmq;
  readonly size = STATEFUL_MINIMUM_SIZE;
  readonly storage: string;
  readonly scratchPaths = ['/etc/rabbitmq/conf.d', '/var/log/rabbitmq', '/tmp'];
  readonly appCredentialKey = 'AMQP_URL';
  readonly credentials: readonly CredentialSpec[];
  readonly exporter = undefined;

  constructor(model: AppModel, options: RabbitmqOptionsResolved) {
    super(model);
    this.storage = options.storage;
    const url = (password: string) => `amqp://${USER}:${password}@${this.host}:${this.port}/`;
    this.credentials = [
      { key: 'RABBITMQ_DEFAULT_PASS', description: 'password of the RabbitMQ user "app"', fromPassword: (p) => p },
      { key: 'AMQP_URL', description: url('<password>'), fromPassword: (p) => url(encodeURIComponent(p)) },
    ];
  }

  connectionSettings(): Record<string, string> {
    return { AMQP_HOST: this.host, AMQP_PORT: String(this.port) };
  }

  env(secretName: string) {
    return [
      { name: 'RABBITMQ_DEFAULT_USER', value: USER },
      secretEnv('RABBITMQ_DEFAULT_PASS', secretName),
      // A fixed node name: the data folder is named after it, and pod names change on restart.
      { name: 'RABBITMQ_NODENAME', value: 'rabbit@localhost' },
    ];
  }

  probes() {
    const check = ['rabbitmq-diagnostics', '--quiet', 'ping'];
    return {
      livenessProbe: execProbe(check, PROBE_TIMEOUT_WITH_DATABASE_SECONDS, 60),
      readinessProbe: execProbe(check, PROBE_TIMEOUT_WITH_DATABASE_SECONDS, 20),
    };
  }
}
