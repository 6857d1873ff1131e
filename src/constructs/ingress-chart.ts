import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import { MANIFEST_FILES } from '../contract/files';
import { PORTS } from '../contract/ports';
import * as k8s from '../imports/k8s';

/**
 * `10-ingress.yaml`: the app's public route through Traefik, to nginx:8080 or, without nginx,
 * to app:8081. The management port 8082 is never a backend.
 */
export class IngressChart extends VibeChart {
  constructor(scope: Construct, props: VibeChartProps) {
    super(scope, MANIFEST_FILES.ingress, props);
    const { model } = this;
    const { tls } = model.answers.ingress;
    const host = model.ingressHost;
    const backend = model.nginxEnabled
      ? { name: model.workloadName('nginx'), port: PORTS.nginx }
      : { name: model.workloadName('app'), port: PORTS.http };

    const annotations: Record<string, string> = {
      'traefik.ingress.kubernetes.io/router.entrypoints': tls ? 'websecure' : 'web',
    };
    if (tls) annotations['traefik.ingress.kubernetes.io/router.tls'] = 'true';
    const { secretName, clusterIssuer } = model.cluster.tls;
    if (tls && clusterIssuer) annotations['cert-manager.io/cluster-issuer'] = clusterIssuer;

    // With an issuer, cert-manager writes the certificate Secret; otherwise a shared Secret or
    // the controller's default (wildcard) certificate serves the host.
    const tlsSecret = secretName ?? (clusterIssuer ? model.objectName('tls') : undefined);

    new k8s.KubeIngress(this, 'ingress', {
      metadata: this.metadata(model.slug, model.workloadLabels(model.nginxEnabled ? 'nginx' : 'app'), annotations),
      spec: {
        ingressClassName: model.cluster.ingressClassName,
        ...(tls ? { tls: [{ hosts: [host], ...(tlsSecret ? { secretName: tlsSecret } : {}) }] } : {}),
        rules: [
          {
            host,
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend.name, port: { number: backend.port } } } }],
            },
          },
        ],
      },
    });
  }
}
