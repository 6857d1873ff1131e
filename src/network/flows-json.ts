import { graphOf, type GraphOptions } from './graph-nodes';
import type { Flow } from './network-model';
import { locationOf } from '../manifests/manifest-object';

/**
 * The allowed flows as JSON text: `endpoints` (id, type, title, where they come from) and
 * `flows` referring to endpoint ids, in the same fixed order as the Mermaid graph.
 */
export function toJson(flows: readonly Flow[], options: GraphOptions = {}): string {
  const { nodes, edges } = graphOf(flows, options);
  const endpoints = nodes.map(({ key, endpoint, title }) =>
    endpoint.type === 'pod'
      ? {
        id: key,
        type: 'pod',
        title,
        kind: endpoint.kind,
        name: endpoint.name,
        namespace: endpoint.namespace,
        source: locationOf(endpoint.manifest),
      }
      : {
        id: key,
        type: 'actor',
        title,
        ...(endpoint.namespace ? { namespace: endpoint.namespace } : {}),
        ...(endpoint.address ? { address: endpoint.address } : {}),
      },
  );
  const flowList = edges.flatMap((edge) =>
    edge.flows.map((flow) => ({
      from: edge.from.key,
      to: edge.to.key,
      port: flow.port,
      protocol: flow.protocol,
      ...(flow.portName ? { portName: flow.portName } : {}),
    })),
  );
  return `${JSON.stringify({ endpoints, flows: flowList }, null, 2)}\n`;
}
