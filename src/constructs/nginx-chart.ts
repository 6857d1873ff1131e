import { createHash } from 'node:crypto';
import type { Construct } from 'constructs';
import { containerSecurityContext, podSecurityContext, POD_DEFAULTS, resourcesFor, scratchVolume, UIDS } from './hardening';
import { proxyConfig } from './nginx-config';
import { healthProbes } from './probes';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import { MANIFEST_FILES, VIBE_PREFIX } from '../contract/files';
import { PORT_NAMES, PORTS } from '../contract/ports';
import { HELPER_SIZE, HPA_TABLE } from '../contract/sizes';
import * as k8s from '../imports/k8s';

/** The name of the nginx Service port the Ingress targets. */
export const NGINX_PORT_NAME = PORT_NAMES.http;

/**
 * `09-nginx.yaml`: a non-root nginx on 8080 in front of the app (8081), with JSON access logs,
 * its own health server on 8082, and an optional single-page-app fallback.
 */
export class NginxChart extends VibeChart {
  public readonly service: k8s.KubeService;

  constructor(scope: Construct, props: VibeChartProps) {
    super(scope, MANIFEST_FILES.nginx, props);
    const { model } = this;
    const name = model.workloadName('nginx');
    const labels = model.workloadLabels('nginx');
    const options = model.answers.components.nginx;
    const conf = proxyConfig({
      upstream: `${model.workloadName('app')}:${PORTS.http}`,
      spaFallback: typeof options === 'object' && options.spaFallback,
      apiPrefix: typeof options === 'object' ? options.apiPrefix : '/api/',
    });

    new k8s.KubeConfigMap(this, 'config', {
      metadata: this.metadata(name, labels),
      data: { 'nginx.conf': conf },
    });

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: this.metadata(name, labels),
      spec: {
        // As many proxies as the app has replicas at rest, so the proxy is never the weaker link.
        replicas: HPA_TABLE[model.answers.size].minReplicas,
        revisionHistoryLimit: 3,
        selector: { matchLabels: model.selector('nginx') },
        template: {
          metadata: {
            labels,
            annotations: { [`${VIBE_PREFIX}/config-hash`]: createHash('sha256').update(conf).digest('hex').slice(0, 16) },
          },
          spec: {
            ...POD_DEFAULTS,
            securityContext: podSecurityContext(UIDS.nginx),
            containers: [
              {
                name: 'nginx',
                image: model.componentImage('nginx'),
                imagePullPolicy: 'IfNotPresent',
                // Skip the image's entrypoint scripts: they try to rewrite files on a read-only root.
                command: ['nginx', '-g', 'daemon off;'],
                ports: [
                  { name: NGINX_PORT_NAME, containerPort: PORTS.nginx, protocol: 'TCP' },
                  { name: PORT_NAMES.mgmt, containerPort: PORTS.mgmt, protocol: 'TCP' },
                ],
                resources: resourcesFor(HELPER_SIZE),
                securityContext: containerSecurityContext(UIDS.nginx),
                ...healthProbes(),
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [{ name: 'config', configMap: { name } }, scratchVolume('tmp')],
          },
        },
      },
    });

    this.service = new k8s.KubeService(this, 'service', {
      metadata: this.metadata(name, labels),
      spec: {
        type: 'ClusterIP',
        selector: model.selector('nginx'),
        ports: [{ name: NGINX_PORT_NAME, port: PORTS.nginx, targetPort: k8s.IntOrString.fromString(NGINX_PORT_NAME), protocol: 'TCP' }],
      },
    });
  }
}
