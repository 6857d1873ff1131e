import { clusterActors } from './actors';
import type { Endpoint } from './endpoints';
import { NetworkModel, type Flow } from './network-model';
import type { ClusterConfig } from '../contract/cluster-config';
import type { ManifestObject } from '../manifests/manifest-object';

/** The allowed flows of a manifest set, and every endpoint worth drawing even without a flow. */
export interface SetGraph {
  readonly model: NetworkModel;
  readonly flows: readonly Flow[];
  readonly endpoints: readonly Endpoint[];
}

/**
 * Who can reach whom in a set, with the cluster's actors (ingress controller, observability,
 * another namespace, the internet) and what pods usually need (DNS, OTEL) as endpoints. Shared
 * by `vibe graph` and the README written beside synthesized manifests.
 */
export function setGraph(manifests: readonly ManifestObject[], cluster: ClusterConfig): SetGraph {
  const actors = clusterActors(cluster);
  const model = NetworkModel.fromManifests(manifests, { sources: actors.sources, egressProbes: actors.egressProbes });
  return {
    model,
    flows: model.flows(),
    endpoints: [...actors.sources, ...model.pods, ...actors.egressProbes.map((probe) => probe.to)],
  };
}
