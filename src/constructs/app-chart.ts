import { createHash } from 'node:crypto';
import type { Construct } from 'constructs';
import { containerSecurityContext, podSecurityContext, POD_DEFAULTS, resourcesFor, scratchVolume, UIDS } from './hardening';
import { mgmtSidecarConfig } from './nginx-config';
import { healthProbes } from './probes';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import { APP_VERSION_ENV } from '../contract/app-env';
import { MANIFEST_FILES, VIBE_PREFIX } from '../contract/files';
import { METRICS_PATH, PORT_NAMES, PORTS, PROBE_TIMEOUT_SECONDS } from '../contract/ports';
import { HELPER_SIZE } from '../contract/sizes';
import * as k8s from '../imports/k8s';

export interface AppChartProps extends VibeChartProps {
  /** The ConfigMap the app loads with envFrom (03-configmap). */
  readonly configMapName: string;
  /** ConfigMap data; its hash rolls the pods when the config changes. */
  readonly configData: Readonly<Record<string, string>>;
  /**
   * Containers that must finish before the app starts (waits for each stateful dependency).
   * @default []
   */
  readonly initContainers?: readonly k8s.Container[];
  /**
   * Credentials, each a `secretKeyRef` into a SealedSecret; never a plain value.
   * @default []
   */
  readonly secretEnv?: readonly k8s.EnvVar[];
  /**
   * Readiness timeout; raised to 10 s when readiness also checks a database.
   * @default 5
   */
  readonly readinessTimeoutSeconds?: number;
}

/** `08-app.yaml`: the creator's app as a hardened Deployment, its Service and ServiceAccount. */
export class AppChart extends VibeChart {
  public readonly deployment: k8s.KubeDeployment;
  public readonly service: k8s.KubeService;

  constructor(scope: Construct, props: AppChartProps) {
    super(scope, MANIFEST_FILES.app, props);
    const { model } = this;
    const name = model.workloadName('app');
    const labels = model.workloadLabels('app');
    const sidecar = model.answers.components.mgmtSidecar;

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: this.metadata(name, labels),
      automountServiceAccountToken: false,
    });

    const sidecarConfigName = model.objectName('mgmt-sidecar');
    if (sidecar) {
      new k8s.KubeConfigMap(this, 'mgmt-sidecar-config', {
        metadata: this.metadata(sidecarConfigName, labels),
        data: { 'nginx.conf': mgmtSidecarConfig({ slug: model.slug, version: model.answers.image.tag }) },
      });
    }

    const ports: k8s.ContainerPort[] = [{ name: PORT_NAMES.http, containerPort: PORTS.http, protocol: 'TCP' }];
    if (!sidecar) ports.push({ name: PORT_NAMES.mgmt, containerPort: PORTS.mgmt, protocol: 'TCP' });

    const app: k8s.Container = {
      name: 'app',
      image: model.appImage,
      imagePullPolicy: 'IfNotPresent',
      ports,
      envFrom: [{ configMapRef: { name: props.configMapName } }],
      // HOME in /tmp: runtimes write caches there, and the root filesystem is read-only.
      // APP_VERSION: the image tag, for the app's /info (the contract kits read it).
      env: [{ name: 'HOME', value: '/tmp' }, { name: APP_VERSION_ENV, value: model.answers.image.tag }, ...(props.secretEnv ?? [])],
      resources: resourcesFor(model.answers.size),
      securityContext: containerSecurityContext(UIDS.app),
      ...healthProbes(props.readinessTimeoutSeconds ?? PROBE_TIMEOUT_SECONDS),
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    };
    const containers = [app];
    const volumes = [scratchVolume('tmp', '256Mi')];
    if (sidecar) {
      containers.push(this.mgmtSidecar());
      volumes.push(scratchVolume('mgmt-tmp'), { name: 'mgmt-config', configMap: { name: sidecarConfigName } });
    }

    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: this.metadata(name, labels, { [`${VIBE_PREFIX}/runtime`]: model.answers.runtime }),
      spec: {
        // No replicas: the HorizontalPodAutoscaler in 12-hpa owns the count.
        revisionHistoryLimit: 3,
        selector: { matchLabels: model.selector('app') },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(1), maxUnavailable: k8s.IntOrString.fromNumber(0) },
        },
        template: {
          metadata: {
            labels,
            annotations: {
              'prometheus.io/scrape': 'true',
              'prometheus.io/port': String(PORTS.http),
              'prometheus.io/path': METRICS_PATH,
              [`${VIBE_PREFIX}/config-hash`]: configHash(props.configData),
            },
          },
          spec: {
            serviceAccountName: name,
            ...POD_DEFAULTS,
            securityContext: podSecurityContext(UIDS.app),
            terminationGracePeriodSeconds: 30,
            ...(props.initContainers?.length ? { initContainers: [...props.initContainers] } : {}),
            containers,
            volumes,
          },
        },
      },
    });

    // Only the traffic port: the mgmt port is for the kubelet's probes and never gets a Service.
    this.service = new k8s.KubeService(this, 'service', {
      metadata: this.metadata(name, labels),
      spec: {
        type: 'ClusterIP',
        selector: model.selector('app'),
        ports: [{ name: PORT_NAMES.http, port: PORTS.http, targetPort: k8s.IntOrString.fromString(PORT_NAMES.http), protocol: 'TCP' }],
      },
    });
  }

  private mgmtSidecar(): k8s.Container {
    return {
      name: 'mgmt-sidecar',
      image: this.model.componentImage('nginx'),
      imagePullPolicy: 'IfNotPresent',
      command: ['nginx', '-g', 'daemon off;'],
      ports: [{ name: PORT_NAMES.mgmt, containerPort: PORTS.mgmt, protocol: 'TCP' }],
      resources: resourcesFor(HELPER_SIZE),
      securityContext: containerSecurityContext(UIDS.nginx),
      volumeMounts: [
        { name: 'mgmt-config', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true },
        { name: 'mgmt-tmp', mountPath: '/tmp' },
      ],
    };
  }
}

function configHash(data: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}
