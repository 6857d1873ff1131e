import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import { MANIFEST_FILES, VIBE_PREFIX } from '../contract/files';
import * as k8s from '../imports/k8s';

/**
 * `00-namespace.yaml`: the app's namespace. Pod Security "restricted" is enforced by the API
 * server itself, so even an object written outside vibe-env cannot run a privileged pod here.
 */
export class NamespaceChart extends VibeChart {
  constructor(scope: Construct, props: VibeChartProps) {
    super(scope, MANIFEST_FILES.namespace, props);
    const { model } = this;
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: model.namespace,
        labels: {
          ...model.commonLabels,
          'managed-by': 'vibe-env',
          'kubernetes.io/metadata.name': model.namespace,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
        annotations: {
          [`${VIBE_PREFIX}/display-name`]: model.displayName,
          [`${VIBE_PREFIX}/slug`]: model.slug,
        },
      },
    });
  }
}
