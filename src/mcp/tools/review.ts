import { z } from 'zod';
import { dockerfileInputs, dockerfilesBeside } from '../../cli/review-inputs';
import { reviewApps } from '../../review/engine';
import { formatAppsJson } from '../../review/report/json';
import { manifestInputShape, readManifestInput } from '../manifest-input';
import type { Root } from '../root';
import { tool } from '../tool';

const input = z.strictObject({
  ...manifestInputShape,
  dockerfiles: z
    .array(z.string())
    .max(20)
    .optional()
    .describe('Dockerfiles to check, under the root; default: those beside the manifest paths and in the folder above (inside the root only).'),
  src: z.string().optional().describe('The app source tree under the root, for the file-logging check (G4).'),
  appName: z.string().max(100).optional().describe('Name shown in the report; default: from the namespace.'),
});

/**
 * `review`: the review gate over manifests under the root or inline, as `vibe review --format
 * json` reports it (findings with id, severity, message, file, line, object). Messages never
 * quote a secret value: the checks name the place and the kind of credential only.
 */
export const reviewTool = tool({
  name: 'review',
  title: 'Review manifests against the platform contract',
  description:
    'Runs the vibe-env review gate (every check of `vibe checks`) over manifest files or folders under the root, or manifests given inline as YAML. ' +
    'Returns {app, passed, findings: [{id, severity, message, file, line, kind, name, namespace}]} (several apps: {passed, apps: [...]}). ' +
    'passed is false when any CRITICAL finding is left. Use explain for what a check id wants.',
  input,
  run(args: z.output<typeof input>, root: Root) {
    const { manifests, cluster, paths } = readManifestInput(args, root);
    const dockerfiles = args.dockerfiles?.length
      ? args.dockerfiles.map((given) => root.relative(root.resolve('dockerfiles', given, { mustExist: true })))
      : dockerfilesBeside(paths).filter((file) => root.contains(file));
    const report = reviewApps({
      manifests,
      cluster,
      dockerfiles: dockerfileInputs(dockerfiles, 'dockerfiles'),
      ...(args.src ? { sourceDir: srcFolder(args.src, root) } : {}),
      ...(args.appName ? { appName: args.appName } : {}),
    });
    return JSON.parse(formatAppsJson(report)) as unknown;
  },
});

function srcFolder(given: string, root: Root): string {
  const full = root.resolve('src', given, { mustExist: true });
  root.checkTree('src', full);
  return root.relative(full);
}
