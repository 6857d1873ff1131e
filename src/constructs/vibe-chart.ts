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
  /**
   * Not `instanceof`: cdk8s's Chart declares a static Symbol.hasInstance that answers true for
   * every chart, and subclasses inherit it.
   */
  public static isVibeChart(chart: Chart): chart is VibeChart {
    return Object.prototype.isPrototypeOf.call(VibeChart.prototype, chart);
  }

  public readonly model: AppModel;
  private readonly comments: string[] = [];

  constructor(scope: Construct, file: ManifestFile, props: VibeChartProps) {
    super(scope, file, { disableResourceNameHashes: true });
    this.model = props.model;
  }

  /** Comment lines written at the top of the file (e.g. sealing instructions). */
  public get headerComments(): readonly string[] {
    return this.comments;
  }

  protected addHeaderComment(...lines: string[]): void {
    this.comments.push(...lines);
  }

  /** Metadata of a namespaced object of the app. */
  protected metadata(name: string, labels: Record<string, string> = this.model.commonLabels, annotations?: Record<string, string>): k8s.ObjectMeta {
    return { name, namespace: this.model.namespace, labels, ...(annotations ? { annotations } : {}) };
  }
}
