import { z } from 'zod';
import { toJson } from '../../network/flows-json';
import { toMermaid } from '../../network/mermaid';
import { setGraph } from '../../network/set-graph';
import { manifestInputShape, readManifestInput } from '../manifest-input';
import type { Root } from '../root';
import { tool } from '../tool';

const input = z.strictObject({
  ...manifestInputShape,
  format: z.enum(['json', 'mermaid']).default('json').describe('json: endpoints and flows; mermaid: a diagram to show the creator.'),
});

/** `graph`: who can reach whom, judged by what the NetworkPolicies allow (as `vibe graph`). */
export const graphTool = tool({
  name: 'graph',
  title: 'Who can reach whom',
  description:
    'Every connection the NetworkPolicies of a manifest set allow, between its pods and the cluster actors (ingress controller, observability, other namespaces, the internet, DNS). ' +
    'Returns {endpoints, flows, notes} (json) or {mermaid, notes}.',
  input,
  run(args: z.output<typeof input>, root: Root) {
    const { manifests, cluster } = readManifestInput(args, root);
    const { model, flows, endpoints } = setGraph(manifests, cluster);
    const notes = model.problems.map((p) => p.message);
    if (args.format === 'mermaid') return { mermaid: toMermaid(flows, { endpoints }), notes };
    return { ...(JSON.parse(toJson(flows, { endpoints })) as object), notes };
  },
});
