import { renderedManifests, type RenderedFileLike } from './rendered-manifests';
import type { AppModel } from '../contract/app-model';
import { toMermaid } from '../network/mermaid';
import { setGraph } from '../network/set-graph';

export const APP_README = 'README.md';

/**
 * The page written beside the numbered files: what was generated, and the network picture as
 * the policies themselves allow it (evaluated, not copied from the answers), so a creator sees
 * who can reach whom without reading YAML.
 */
export function appReadme(model: AppModel, files: readonly RenderedFileLike[], notices: readonly string[]): string {
  const graph = setGraph(renderedManifests(files), model.cluster);
  const { answers } = model;
  // With open egress the namespace allows every outgoing connection and the cluster's own wall
  // decides; drawing an edge to "the internet" from every pod would say the opposite.
  const restricted = answers.network.egress === 'restricted';
  const flows = restricted ? graph.flows : graph.flows.filter((f) => f.to.type !== 'actor');
  const endpoints = restricted ? graph.endpoints : graph.endpoints.filter((e) => e.type === 'pod' || graph.model.sources.includes(e as never));
  const host = answers.ingress.enabled ? `${answers.ingress.tls ? 'https' : 'http'}://${model.ingressHost}` : 'not published (ingress off)';
  const lines = [
    `# ${model.displayName}: generated manifests`,
    '',
    'Written by vibe-env from the app\'s answers. Do not edit these files: change the answers and synthesize again.',
    '',
    `- Namespace: \`${model.namespace}\``,
    `- Address: ${host}`,
    `- Image: \`${model.appImage}\``,
    `- Size: \`${answers.size}\``,
    '',
    '## Files',
    '',
    '| file | objects |',
    '|---|---|',
    ...files.map((f) => `| \`${f.name}\` | ${f.objects.map((o) => `${o.kind} \`${o.metadata?.name}\``).join(', ')} |`),
    '',
    '## Who can reach whom',
    '',
    'Every connection the network policies in `01-network-policies.yaml` allow, worked out from the policies themselves',
    '(`vibe graph` on this folder draws the same picture). Anything not drawn is dropped.',
    restricted
      ? 'Outgoing traffic is restricted too: only the connections drawn leave a pod.'
      : 'Outgoing traffic is not restricted by this namespace (`network.egress: open`); the cluster blocks the internet.',
    '',
    '```mermaid',
    toMermaid(flows, { endpoints }).trimEnd(),
    '```',
    '',
    '## Before deploying',
    '',
    ...(notices.length ? notices.map((n) => `- ${n}`) : ['- Nothing left to do here.']),
    '- Run the review gate: `vibe review` on this folder. CRITICAL findings block the deployment.',
    '',
  ];
  return lines.join('\n');
}
