import * as path from 'node:path';
import { z } from 'zod';
import { ANSWER_EXAMPLES, answersSchema } from '../../contract/answers';
import { CLUSTER_CONFIG_EXAMPLES, clusterConfigSchema } from '../../contract/cluster-config';
import type { Root } from '../root';
import { tool } from '../tool';

/**
 * The answers as vibe.yaml writes them: the answers schema itself, with `secrets` naming a sealed
 * file (ciphertext made by `vibe seal`) instead of the loaded file. Plaintext credentials have no
 * field to go in, and `env` refuses credential-looking settings as it does everywhere.
 */
const answersInput = answersSchema.omit({ secrets: true }).extend({
  secrets: z
    .string()
    .optional()
    .describe('A sealed-secrets file under the root, made by `vibe seal` on a terminal. Plaintext credentials are never accepted here.'),
});

const input = z.strictObject({
  answers: answersInput.describe('The five answers (slug, image, size, components, ingress) plus runtime, env and businessMetrics, as in vibe.yaml.'),
  cluster: clusterConfigSchema.optional().describe('Cluster settings; default: the platform defaults.'),
  out: z.string().describe('The folder under the root to write the numbered manifest set into (created if absent), e.g. k8s.'),
});

/** `synth`: answers in, the numbered manifest set written into a folder under the root. */
export const synthTool = tool({
  name: 'synth',
  title: 'Write the manifest set for an app',
  description:
    'Validates the answers, renders the numbered manifest set (00-namespace.yaml … 12-hpa.yaml and a README), runs the review gate on it and writes it into the folder named by out, under the root. ' +
    'Returns the files written, not their contents. Secrets: only a sealed file may be named; sealing stays with `vibe seal`.',
  input,
  example: (field) => (field.startsWith('answers.') ? ANSWER_EXAMPLES[field.slice('answers.'.length)] : field.startsWith('cluster.') ? CLUSTER_CONFIG_EXAMPLES[field.slice('cluster.'.length)] : undefined),
  async run(args: z.output<typeof input>, root: Root) {
    const out = root.resolve('out', args.out, { mustExist: false });
    const { SealedSecretFile } = await import('../../seal/sealed-secret-file');
    const secrets = args.answers.secrets === undefined ? undefined : SealedSecretFile.load(root.relative(root.resolve('answers.secrets', args.answers.secrets, { mustExist: true })));
    const { AppModel } = await import('../../contract/app-model');
    const { VibeApp } = await import('../../constructs/vibe-app');
    const model = AppModel.resolve({ ...args.answers, ...(secrets ? { secrets } : {}) }, args.cluster ?? {});
    const app = VibeApp.fromModel(model, root.relative(out));
    const files = app.render();
    app.writeFiles(files);
    const { APP_README } = await import('../../synth/app-readme');
    return {
      app: model.displayName,
      namespace: model.namespace,
      out: path.join(root.relative(out), ''),
      files: [...files.map((f) => f.name), APP_README],
      notices: app.notices,
    };
  },
});
