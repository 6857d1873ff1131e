import { HEALTH_PATHS, PORTS, PROBE_TIMEOUT_SECONDS } from '../contract/ports';
import * as k8s from '../imports/k8s';

/** Probes on the management port: never on the traffic port, never routed externally. */
export function healthProbes(readinessTimeoutSeconds: number = PROBE_TIMEOUT_SECONDS): Pick<k8s.Container, 'livenessProbe' | 'readinessProbe'> {
  return {
    livenessProbe: {
      httpGet: { path: HEALTH_PATHS.liveness, port: k8s.IntOrString.fromNumber(PORTS.mgmt) },
      initialDelaySeconds: 10,
      periodSeconds: 10,
      timeoutSeconds: PROBE_TIMEOUT_SECONDS,
      failureThreshold: 3,
    },
    readinessProbe: {
      httpGet: { path: HEALTH_PATHS.readiness, port: k8s.IntOrString.fromNumber(PORTS.mgmt) },
      initialDelaySeconds: 5,
      periodSeconds: 10,
      timeoutSeconds: readinessTimeoutSeconds,
      failureThreshold: 3,
    },
  };
}
