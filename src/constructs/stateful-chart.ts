import type { Construct } from 'constructs';
import { containerSecurityContext, podSecurityContext, POD_DEFAULTS, resourcesFor, scratchVolume } from './hardening';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import type { StatefulComponent } from '../components/stateful-component';
import { METRICS_PATH } from '../contract/ports';
import * as k8s from '../imports/k8s';

export interface StatefulChartProps extends VibeChartProps {
  /** The component this chart runs (its StatefulSet, Service and volume). */
  readonly component: StatefulComponent;
  /** The SealedSecret holding the component's credentials. */
  readonly secretName: string;
}

/**
 * One stateful component of the catalogue (a file of MANIFEST_FILES each) as a single-replica
 * Deployment with `Recreate` (two pods must never share a data folder and its file locks), its
 * data on the PVC from 04-storage, and a Service on the app-facing port only.
 */
export class StatefulChart extends VibeChart {
  constructor(scope: Construct, props: StatefulChartProps) {
    super(scope, props.component.file, props);
    const { model } = this;
    const c = props.component;
    const labels = model.workloadLabels(c.component);
    const scratch = c.scratchPaths.map((mountPath, i) => ({ name: `scratch-${i}`, mountPath }));
    const volumes: k8s.Volume[] = [
      c.storage ? { name: 'data', persistentVolumeClaim: { claimName: c.pvcName } } : scratchVolume('data', '1Gi'),
      ...scratch.map((s) => scratchVolume(s.name)),
    ];
    const ports: k8s.ContainerPort[] = [{ name: c.portName, containerPort: c.port, protocol: 'TCP' }];
    if (c.metricsPort) ports.push({ name: 'metrics', containerPort: c.metricsPort, protocol: 'TCP' });
    const command = c.command();

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: this.metadata(c.workloadName, labels),
      spec: {
        replicas: 1,
        revisionHistoryLimit: 3,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: model.selector(c.component) },
        template: {
          metadata: {
            labels,
            ...(c.metricsPort
              ? { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(c.metricsPort), 'prometheus.io/path': METRICS_PATH } }
              : {}),
          },
          spec: {
            ...POD_DEFAULTS,
            securityContext: podSecurityContext(c.uid),
            terminationGracePeriodSeconds: 60,
            containers: [
              {
                name: c.component,
                image: model.componentImage(c.image),
                imagePullPolicy: 'IfNotPresent',
                ...(command ? { command } : {}),
                ports,
                env: c.env(props.secretName),
                resources: resourcesFor(c.size),
                securityContext: containerSecurityContext(c.uid),
                ...c.probes(),
                volumeMounts: [{ name: 'data', mountPath: c.dataPath }, ...scratch],
              },
            ],
            volumes,
          },
        },
      },
    });

    new k8s.KubeService(this, 'service', {
      metadata: this.metadata(c.workloadName, labels),
      spec: {
        type: 'ClusterIP',
        selector: model.selector(c.component),
        ports: [{ name: c.portName, port: c.port, targetPort: k8s.IntOrString.fromString(c.portName), protocol: 'TCP' }],
      },
    });
  }
}
