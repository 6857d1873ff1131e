import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import { MANIFEST_FILES } from '../contract/files';
import { HPA_TABLE } from '../contract/sizes';
import * as k8s from '../imports/k8s';

/**
 * `12-hpa.yaml`: the app's HorizontalPodAutoscaler from the size table (CPU 70%), and a
 * PodDisruptionBudget when at least two replicas run, so node drains keep one pod serving.
 */
export class ScalingChart extends VibeChart {
  constructor(scope: Construct, props: VibeChartProps) {
    super(scope, MANIFEST_FILES.hpa, props);
    const { model } = this;
    const name = model.workloadName('app');
    const labels = model.workloadLabels('app');
    const scaling = HPA_TABLE[model.answers.size];

    new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata: this.metadata(name, labels),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: scaling.minReplicas,
        maxReplicas: scaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scaling.targetCpuUtilization } },
          },
        ],
      },
    });

    if (scaling.minReplicas >= 2) {
      new k8s.KubePodDisruptionBudget(this, 'pdb', {
        metadata: this.metadata(name, labels),
        spec: { minAvailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: model.selector('app') } },
      });
    }
  }
}
