import { z } from 'zod';
import { CATALOGUE } from '../../review/catalogue';
import { CHECK_GROUPS } from '../../review/check';
import { scopeText } from '../../review/check-scope';
import { tool } from '../tool';

const input = z.strictObject({});

/** `checks`: the catalogue, as `vibe checks` lists it. */
export const checksTool = tool({
  name: 'checks',
  title: 'List the review checks',
  description: 'Every check of the review gate: id, slug, severity (CRITICAL blocks deployment), title, group, what it verifies, what it applies to and the fix.',
  input,
  run() {
    return {
      checks: CATALOGUE.map((c) => ({
        id: c.id,
        slug: c.slug,
        severity: c.severity,
        title: c.title,
        group: CHECK_GROUPS[c.group],
        verifies: c.verifies,
        appliesTo: scopeText(c.scope),
        fix: c.fix,
      })),
    };
  },
});
