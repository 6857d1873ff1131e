import { z } from 'zod';
import { COMMIT_SHA, IMAGE_DIGEST } from '../../contract/patterns';
import { SIZES } from '../../contract/sizes';
import { applyFixes, formatFixDiff, planFixes, readFixFiles, selectedChecks } from '../../review/fix';
import { manifestInputShape, readClusterSettings, readManifestPaths } from '../manifest-input';
import { redactCredentials } from '../redact';
import type { Root } from '../root';
import { tool } from '../tool';

const input = z.strictObject({
  paths: manifestInputShape.paths.unwrap().min(1).describe('The manifest files or folders to fix in place, relative to the root.'),
  write: z.boolean().default(false).describe('false (default): only show the unified diff. true: write every changed file, each completely and atomically.'),
  only: z.array(z.string()).optional().describe('Only these checks\' fixes, e.g. ["A1", "S1"]; default: every mechanical fix.'),
  size: z.enum(SIZES).optional().describe('The app\'s t-shirt size, for resources of its own containers (F1–F3).'),
  imageTag: z
    .string()
    .refine((t) => COMMIT_SHA.test(t) || IMAGE_DIGEST.test(t), { error: 'must be a commit SHA (7 to 40 lowercase hex characters) or a sha256: digest; a movable tag is never pinned.' })
    .optional()
    .describe('The commit SHA (or digest) to pin the app image to (A1); without it no tag is invented.'),
  clusterConfig: manifestInputShape.clusterConfig,
});

/**
 * `fix`: `vibe review --fix` as a tool, a dry run unless `write` is true. No sealing key is taken:
 * a plain Secret is left and reported (sealing stays with `vibe seal`), and the diff shows every
 * credential value as <redacted>.
 */
export const fixTool = tool({
  name: 'fix',
  title: 'Apply the mechanical fixes',
  description:
    'Plans every mechanical fix of the review (pinned tags when imageTag is given, registry and mirror prefixes, securityContext, probes, scrape annotations, resources from size, Recreate, network policies, init containers, namespaces…) on manifest files under the root, keeping comments and order. ' +
    'By default returns the unified diff and writes nothing; with write: true writes the files. Returns {written, passed, diff, files, fixed, remaining}: remaining lists what the creator must still do. Credential values in the diff are <redacted>.',
  input,
  run(args: z.output<typeof input>, root: Root) {
    if (args.only) selectedChecks(args.only);
    const paths = readManifestPaths(args.paths, root);
    const plan = planFixes({
      files: readFixFiles(paths),
      review: { cluster: readClusterSettings(args.clusterConfig, root) },
      ...(args.only ? { only: args.only } : {}),
      ...(args.size ? { size: args.size } : {}),
      ...(args.imageTag ? { imageTag: args.imageTag } : {}),
    });
    const written = args.write ? applyFixes(plan).written : [];
    const hidden = (text: string | null) => (text === null ? null : redactCredentials(text));
    const shown = plan.files.map((file) => ({ ...file, before: hidden(file.before), after: hidden(file.after) }));
    return {
      written,
      passed: plan.after.passed,
      diff: formatFixDiff({ files: shown }),
      files: plan.files.map((file) => ({ path: file.path, change: file.before === null ? 'added' : file.after === null ? 'removed' : 'changed' })),
      fixed: plan.fixed,
      remaining: plan.remaining,
    };
  },
});
