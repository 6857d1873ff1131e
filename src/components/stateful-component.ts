import { clientPort, PLATFORM_COMPONENTS, type ComponentRecord, type StatefulComponentName } from './catalogue';
import type { AppModel } from '../contract/app-model';
import type { ManifestFile } from '../contract/files';
import type { ComponentImage } from '../contract/images';
import type { Size } from '../contract/sizes';
import type * as k8s from '../imports/k8s';

/** A credential the app namespace needs in its SealedSecret, and how to make one. */
export interface CredentialSpec {
  /** Key in the SealedSecret (and env var name in the pods that use it). */
  readonly key: string;
  /** What the value is, for the sealing instructions. */
  readonly description: string;
  /**
   * Builds the value from a freshly generated password, so `vibe seal --generate` can create
   * a password and the URL that embeds it in one go.
   */
  readonly fromPassword: (password: string) => string;
}

/** A Prometheus exporter that runs beside a stateful component (11-metrics-exporters.yaml). */
export interface ExporterSpec {
  readonly component: ExporterName;
  readonly image: ComponentImage;
  readonly port: number;
  readonly uid: number;
  /** Environment of the exporter: target address plain, credentials as secretKeyRef. */
  readonly env: (secretName: string) => k8s.EnvVar[];
  readonly args?: readonly string[];
}

/** A volume the component needs: its data on a PVC, or scratch space on an emptyDir. */
export interface ComponentMount {
  readonly name: string;
  readonly mountPath: string;
}

export type { StatefulComponentName };
/** The platform's exporters (catalogue names). */
export type ExporterName = 'postgres-exporter' | 'mongodb-exporter' | 'redis-exporter';

/** An exporter's catalogue facts, for an ExporterSpec: `{ ...exporterFacts('redis-exporter'), env }`. */
export function exporterFacts(name: ExporterName): Pick<ExporterSpec, 'component' | 'image' | 'port' | 'uid'> {
  const record: ComponentRecord = PLATFORM_COMPONENTS[name];
  return { component: name, image: name, port: clientPort(record).port, uid: record.uid };
}

/**
 * A platform component that keeps state (database, cache, broker): one Deployment with
 * `Recreate`, its Service, an optional data volume, probes that ask the server itself, the
 * credentials it needs sealed, and what the app gets to reach it. What the component is (image,
 * port, uid, data directory) comes from its catalogue record; the subclass adds how it is run.
 */
export abstract class StatefulComponent {
  /** Workload name suffix: `{slug}-{component}`; the catalogue record's name. */
  abstract readonly component: StatefulComponentName;
  abstract readonly file: ManifestFile;
  abstract readonly size: Size;
  /** PVC size, or undefined when the component keeps nothing across restarts. */
  abstract readonly storage: string | undefined;
  /** Extra writable paths the image needs on a read-only root filesystem. */
  abstract readonly scratchPaths: readonly string[];
  abstract readonly credentials: readonly CredentialSpec[];
  /** The key of `credentials` the app receives (its connection URL). */
  abstract readonly appCredentialKey: string;
  abstract readonly exporter: ExporterSpec | undefined;

  /** The component's catalogue record. */
  get record(): ComponentRecord {
    return PLATFORM_COMPONENTS[this.component];
  }

  get image(): ComponentImage {
    return this.component;
  }

  /** The port the app connects to. */
  get port(): number {
    return clientPort(this.record).port;
  }

  /** The name of that port on the container and Service. */
  get portName(): string {
    return clientPort(this.record).name;
  }

  /** The non-root uid of the official image's own user. */
  get uid(): number {
    return this.record.uid;
  }

  /** Where the data lives; on a PVC when `storage` is set, else on an emptyDir. */
  get dataPath(): string {
    const data = this.record.data;
    if (!data) throw new Error(`the catalogue record of ${this.component} has no data directory`);
    return data.path;
  }

  /** A port scraped on the component itself (a built-in Prometheus endpoint), from the catalogue. */
  get metricsPort(): number | undefined {
    return this.record.platform?.metricsPort;
  }

  constructor(protected readonly model: AppModel) {}

  get workloadName(): string {
    return this.model.workloadName(this.component);
  }

  /** Host the app and exporters connect to (the Service in the same namespace). */
  get host(): string {
    return this.workloadName;
  }

  get pvcName(): string {
    return this.model.objectName(`${this.component}-data`);
  }

  /** Settings without secrets for the app's ConfigMap. */
  abstract connectionSettings(): Record<string, string>;

  /** The server container's env: plain settings and secretKeyRefs. */
  abstract env(secretName: string): k8s.EnvVar[];

  /** How the server is started, when the image's default is not enough. */
  command(): string[] | undefined {
    return undefined;
  }

  /** Probes that ask the server itself whether it answers. */
  abstract probes(): Pick<k8s.Container, 'livenessProbe' | 'readinessProbe'>;
}

/** An exec probe: the server's own client asks it, so "running" means "answering". */
export function execProbe(command: string[], timeoutSeconds: number, initialDelaySeconds = 10): k8s.Probe {
  return { exec: { command }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds, failureThreshold: 6 };
}

/** A secretKeyRef env var into the app's SealedSecret. */
export function secretEnv(name: string, secretName: string, key: string = name): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}
