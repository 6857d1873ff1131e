import { graphOf, type GraphNode, type GraphOptions } from './graph-nodes';
import type { Flow } from './network-model';
import { printable } from '../io/printable';

/**
 * A Mermaid `flowchart LR` of the allowed flows: one node per workload (rectangle) or actor
 * (stadium), one edge per pair labelled with its ports (`8081`; `53/TCP, 53/UDP` once a protocol other than TCP appears). Deterministic.
 */
export function toMermaid(flows: readonly Flow[], options: GraphOptions = {}): string {
  const { nodes, edges } = graphOf(flows, options);
  const ids = nodeIds(nodes);
  const lines = ['flowchart LR'];
  for (const node of nodes) {
    const title = escape(node.title);
    lines.push(node.endpoint.type === 'actor' ? `  ${ids.get(node)}(["${title}"])` : `  ${ids.get(node)}["${title}"]`);
  }
  for (const edge of edges) {
    // `8081` means TCP; once an edge carries another protocol, every port says its own.
    const allTcp = edge.flows.every((flow) => flow.protocol === 'TCP');
    const ports = edge.flows.map((flow) => (allTcp ? `${flow.port}` : `${flow.port}/${flow.protocol}`));
    lines.push(`  ${ids.get(edge.from)} -->|"${escape(ports.join(', '))}"| ${ids.get(edge.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Readable ids (`actor_internet`, `deployment_shop_app`) made unique; never a Mermaid keyword. */
function nodeIds(nodes: readonly GraphNode[]): Map<GraphNode, string> {
  const ids = new Map<GraphNode, string>();
  const used = new Set<string>();
  const multipleNamespaces = new Set(nodes.flatMap((n) => (n.endpoint.type === 'pod' ? [n.endpoint.namespace] : []))).size > 1;
  for (const node of nodes) {
    const e = node.endpoint;
    const parts = e.type === 'actor' ? ['actor', e.id] : [e.kind.toLowerCase(), ...(multipleNamespaces ? [e.namespace] : []), e.name];
    const base = parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node, id);
  }
  return ids;
}

/** Mermaid entity codes for the characters that would end a quoted label. */
function escape(text: string): string {
  // Names come from manifests: no raw control or bidi character reaches the terminal.
  return printable(text.replace(/"/g, '#quot;').replace(/\n/g, ' '));
}
