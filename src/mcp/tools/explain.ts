import { z } from 'zod';
import { explain, findCheck } from '../../review/explain/explain';
import { tool } from '../tool';

const input = z.strictObject({
  check: z.string().max(100).describe('A check id (A1) or slug (pinned-image-tag), as review findings and the checks tool name them.'),
});

/** `explain`: as `vibe explain --format json`. */
export const explainTool = tool({
  name: 'explain',
  title: 'Explain a check',
  description: 'What one check verifies, why it matters, a failing and a passing example (manifests, Dockerfile or log sample) and the fix.',
  input,
  run(args: z.output<typeof input>) {
    return explain(findCheck(args.check));
  },
});
