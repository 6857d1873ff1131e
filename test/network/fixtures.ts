import { stringify } from 'yaml';
import { parseManifests } from '../../src/manifests';
import { NetworkModel, podActor, type NetworkOptions, type PodEndpoint } from '../../src/network';

/** The app namespace of the hand-written sets. */
export const NS = 'shop';

interface PortSpec {
  readonly port: number;
  readonly name?: string;
  readonly protocol?: string;
}

/** A Deployment whose pods carry `labels` and declare `ports`. */
export function deployment(name: string, labels: Record<string, string>, ports: readonly PortSpec[], namespace = NS): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'registry.example.com/x:0123abc',
              ports: ports.map((p) => ({
                containerPort: p.port,
                ...(p.name ? { name: p.name } : {}),
                ...(p.protocol ? { protocol: p.protocol } : {}),
              })),
            },
          ],
        },
      },
    },
  };
}

export function policy(name: string, spec: object, namespace = NS): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export function namespaceObject(name: string, labels: Record<string, string> = {}): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** The usual app: my-app (http 8081, mgmt 8082), my-db (postgres 5432), web (http 8080). */
export const APP = deployment('my-app', { app: 'my-app' }, [{ port: 8081, name: 'http' }, { port: 8082, name: 'mgmt' }]);
export const DB = deployment('my-db', { app: 'my-db', tier: 'data' }, [{ port: 5432, name: 'postgres' }]);
export const WEB = deployment('web', { app: 'web' }, [{ port: 8080, name: 'http' }]);

/** A deny-all-ingress policy named as nobody would name it. */
export const DENY_ALL_INGRESS = policy('foo', { podSelector: {} });

/** Parses objects the way `vibe graph` does: YAML text through the manifest reader. */
export function modelOf(objects: readonly object[], options?: NetworkOptions): NetworkModel {
  const text = objects.map((o) => stringify(o)).join('---\n');
  return NetworkModel.fromManifests(parseManifests(text, 'set.yaml'), options);
}

export function podNamed(model: NetworkModel, name: string): PodEndpoint {
  const pod = model.pods.find((p) => p.name === name);
  if (!pod) throw new Error(`no workload ${name} in the set`);
  return pod;
}

/** A pod elsewhere in the cluster, for cases the default actors do not cover. */
export function somePod(namespace: string, labels: Record<string, string>, namespaceLabels?: Record<string, string>) {
  return podActor({ id: `${namespace}-pod`, title: `a pod in ${namespace}`, namespace, labels, ...(namespaceLabels ? { namespaceLabels } : {}) });
}
