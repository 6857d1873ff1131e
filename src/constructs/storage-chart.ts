import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import type { StatefulComponent } from '../components/stateful-component';
import { MANIFEST_FILES } from '../contract/files';
import * as k8s from '../imports/k8s';

export interface StorageChartProps extends VibeChartProps {
  /** Components that keep data; one PVC each. */
  readonly components: readonly StatefulComponent[];
}

/** `04-storage.yaml`: a PersistentVolumeClaim for every component that keeps data. */
export class StorageChart extends VibeChart {
  constructor(scope: Construct, props: StorageChartProps) {
    super(scope, MANIFEST_FILES.storage, props);
    const { model } = this;
    const storageClassName = model.cluster.storageClassName;
    for (const component of props.components) {
      if (!component.storage) continue;
      new k8s.KubePersistentVolumeClaim(this, component.component, {
        metadata: this.metadata(component.pvcName, model.workloadLabels(component.component)),
        spec: {
          accessModes: ['ReadWriteOnce'],
          ...(storageClassName ? { storageClassName } : {}),
          resources: { requests: { storage: k8s.Quantity.fromString(component.storage) } },
        },
      });
    }
  }
}
