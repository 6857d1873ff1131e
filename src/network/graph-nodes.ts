import { endpointTitle, type Endpoint } from './endpoints';
import type { Flow } from './network-model';

/** One node of a rendered graph: a workload's pods or an actor. */
export interface GraphNode {
  /** `namespace/Kind/name` for pods, the actor id for actors. */
  readonly key: string;
  readonly endpoint: Endpoint;
  /** What people read; pods carry their namespace when the graph spans several. */
  readonly title: string;
}

/** The flows between two nodes, ports in ascending order. */
export interface GraphEdge {
  readonly from: GraphNode;
  readonly to: GraphNode;
  readonly flows: readonly Flow[];
}

export interface GraphOptions {
  /** Endpoints to show even when no flow touches them (isolated pods, blocked actors). */
  readonly endpoints?: readonly Endpoint[];
}

/**
 * Nodes and edges in a fixed order, so the same flows always render the same bytes: actors by
 * id, then pods by namespace, kind and name; edges by source node, then destination node.
 */
export function graphOf(flows: readonly Flow[], options: GraphOptions = {}): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const endpoints = new Map<string, Endpoint>();
  const add = (endpoint: Endpoint) => {
    const key = keyOf(endpoint);
    if (!endpoints.has(key)) endpoints.set(key, endpoint);
  };
  for (const endpoint of options.endpoints ?? []) add(endpoint);
  for (const flow of flows) {
    add(flow.from);
    add(flow.to);
  }
  const namespaces = new Set([...endpoints.values()].flatMap((e) => (e.type === 'pod' ? [e.namespace] : [])));
  const nodes = [...endpoints.entries()]
    .map(([key, endpoint]) => ({
      key,
      endpoint,
      title: endpoint.type === 'pod' && namespaces.size > 1 ? `${endpointTitle(endpoint)} (${endpoint.namespace})` : endpointTitle(endpoint),
    }))
    .sort((a, b) => compare(sortKey(a.endpoint), sortKey(b.endpoint)));
  const byKey = new Map(nodes.map((node) => [node.key, node]));
  const order = new Map(nodes.map((node, index) => [node.key, index]));

  const grouped = new Map<string, { from: GraphNode; to: GraphNode; flows: Flow[] }>();
  for (const flow of flows) {
    const from = byKey.get(keyOf(flow.from))!;
    const to = byKey.get(keyOf(flow.to))!;
    const id = `${from.key}\u0000${to.key}`;
    const edge = grouped.get(id) ?? { from, to, flows: [] };
    edge.flows.push(flow);
    grouped.set(id, edge);
  }
  const edges = [...grouped.values()]
    .map((edge) => ({ ...edge, flows: [...edge.flows].sort((a, b) => a.port - b.port || compare(a.protocol, b.protocol)) }))
    .sort((a, b) => order.get(a.from.key)! - order.get(b.from.key)! || order.get(a.to.key)! - order.get(b.to.key)!);
  return { nodes, edges };
}

export function keyOf(endpoint: Endpoint): string {
  return endpoint.id;
}

function sortKey(endpoint: Endpoint): string[] {
  return endpoint.type === 'actor' ? ['0', endpoint.id] : ['1', endpoint.namespace, endpoint.kind, endpoint.name];
}

/** Code-point order on string lists: the same on every machine and locale. */
function compare(a: string | string[], b: string | string[]): number {
  const left = Array.isArray(a) ? a : [a];
  const right = Array.isArray(b) ? b : [b];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
