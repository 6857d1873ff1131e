import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { AppModel } from '../contract/app-model';
import type { ManifestFile } from '../contract/files';
import type * as k8s from '../imports/k8s';

export interface VibeChartProps {
  /** The validated answers and derived names of the app. */
  readonly model: AppModel;
}

/**
 * One numbered file of the manifest set. The construct id is the file name (`08-app`), which
 * is why charts are direct children of the App: cdk8s then names the file after the id.
 */
export class VibeChart extends Chart {
  public readonly model: AppModel;

  constructor(scope: Construct, file: ManifestFile, props: VibeChartProps) {
    super(scope, file, { disableResourceNameHashes: true });
    this.model = props.model;
  }

  /** Metadata of a namespaced object of the app. */
  protected metadata(name: string, labels: Record<string, string> = this.model.commonLabels, annotations?: Record<string, string>): k8s.ObjectMeta {
    return { name, namespace: this.model.namespace, labels, ...(annotations ? { annotations } : {}) };
  }
}
