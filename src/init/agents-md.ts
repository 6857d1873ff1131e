import { README_MARKER } from './creator-readme';
import { statefulComponents } from '../components';
import type { ContractKit, KitFile } from './kits';
import { kitFacts, SHUTDOWN_GRACE_SECONDS } from './kits/kit-facts';
import type { AppModel } from '../contract/app-model';
import { RUNTIME_IMAGES } from '../contract/images';
import { IMAGE_TAG_FILE } from '../delivery/image-tag';
import { DEFAULT_SEALED_FILE } from '../inputs/default-sealed-file';
import { MCP_RESOURCE_URIS, MCP_TOOL_NAMES, mcpClientConfig } from '../mcp/client-config';
import { CATALOGUE } from '../review/catalogue';
import type { Check, CheckInput } from '../review/check';

/** The file coding assistants read at the top of a repository. */
export const AGENTS_FILE = 'AGENTS.md';

/** The inputs of checks that judge what the code does (not the manifests vibe-env writes). */
const CODE_INPUTS: readonly CheckInput[] = ['metrics', 'logs', 'source', 'dockerfiles'];

/** The checks that judge the app's own code, its image, logs and metrics: the assistant's part. */
export function codeChecks(catalogue: readonly Check[] = CATALOGUE): Check[] {
  return catalogue.filter((c) => CODE_INPUTS.includes(c.input ?? 'manifests'));
}

/**
 * AGENTS.md of a creator repository: the platform contract in plain words for a coding
 * assistant, generated from the same facts the kits and the review gate use (ports, paths,
 * bodies, metric and log field names, the check catalogue), so it cannot drift from them.
 */
export function agentsMd(model: AppModel, kit: ContractKit | undefined): string {
  const f = kitFacts(model);
  const runtime = RUNTIME_IMAGES[model.answers.runtime];
  const sidecar = model.answers.components.mgmtSidecar === true;
  // What the app container receives (vibe-app.ts's appSecretKeys): each component's connection credential.
  const secrets = statefulComponents(model).map((c) => c.appCredentialKey);
  const checks = codeChecks();
  const out: string[] = [
    README_MARKER,
    `# Working on ${model.displayName}: instructions for coding assistants`,
    '',
    `This app (${runtime.label}) runs on a Kubernetes platform that enforces a contract. \`vibe review\` checks it in CI;`,
    'a CRITICAL finding stops the deployment. Follow every rule below; do not weaken them to make a test pass.',
    '',
    '## The contract',
    '',
    `- **Ports.** Serve the app's HTTP traffic on port ${f.ports.http} (env \`${f.env.port}\`). Management endpoints on port ${f.ports.mgmt} (env \`${f.env.mgmtPort}\`), never reachable from outside.`,
  ];
  if (sidecar) {
    out.push(`- **Health endpoints.** \`mgmtSidecar\` is on: a sidecar answers ${f.paths.liveness}, ${f.paths.readiness}, ${f.paths.info} and ${f.paths.shutdown} on port ${f.ports.mgmt}. The app must not listen on ${f.ports.mgmt}.`);
  } else {
    out.push(
      `- **Health endpoints** on port ${f.ports.mgmt}, JSON bodies exactly:`,
      `  - \`GET ${f.paths.liveness}\`: 200 \`${f.bodies.up}\` while the process works, 503 \`${f.bodies.down}\` when it is broken (the pod is restarted).`,
      `  - \`GET ${f.paths.readiness}\`: 200 \`${f.bodies.up}\` when the app can serve, 503 \`${f.bodies.outOfService}\` otherwise${f.dependencies.length > 0 ? ` (it checks that ${f.dependencies.map((d) => `${d.component} at \`$${d.hostEnv}:$${d.portEnv}\``).join(', ')} accept${f.dependencies.length === 1 ? 's' : ''} connections)` : ''}, and from the moment shutdown begins.`,
      `  - \`GET ${f.paths.info}\`: 200 \`{"app":"<${f.env.slug}>","version":"<${f.env.version}>"}\`.`,
      `  - \`GET ${f.paths.shutdown}\`: 200 \`${f.bodies.shutdown}\`; from then on readiness answers 503.`,
    );
  }
  out.push(
    `- **Metrics.** \`GET ${f.paths.metrics}\` on port ${f.ports.http}, in the Prometheus text format, with the framework metrics`,
    `  ${[f.framework.requests, f.framework.duration, f.framework.active].map((m) => `\`${m.name}\` (${m.type}${m.labels.length ? `; labels ${m.labels.join(', ')}` : ''})`).join(', ')}`,
    `  and one metric per business metric declared in main.ts (same name, type, labels and help)${f.business.length ? ':' : '. None is declared yet; the creator adds them to main.ts (businessMetrics).'}`,
    ...f.business.map((b) => `  - \`${b.name}\` (${b.type}${b.labels.length ? `; labels ${b.labels.join(', ')}` : ''}): ${b.help}`),
    `- **Logs.** One JSON object per line on stdout, with \`"${f.logFields.time}"\` (ISO 8601), \`"${f.logFields.level}"\` (a name like "info") and \`"${f.logFields.msg}"\`. Never write log files. Never log passwords, tokens, e-mail addresses or card numbers.`,
    `- **Shutdown.** On SIGTERM stop taking new work, finish what is in flight, exit within ${SHUTDOWN_GRACE_SECONDS} seconds.`,
    `- **Configuration** comes from environment variables only: the platform sets ${[f.env.slug, f.env.port, f.env.mgmtPort, f.env.logLevel].map((e) => `\`${e}\``).join(', ')}${f.dependencies.length ? `, ${f.dependencies.map((d) => `\`${d.hostEnv}\`, \`${d.portEnv}\``).join(', ')}` : ''}.`,
    `- **Secrets never in code,** the Dockerfile, logs or git: they arrive as environment variables${secrets.length ? ` (${secrets.map((s) => `\`${s}\``).join(', ')})` : ''} from \`${DEFAULT_SEALED_FILE}\`, sealed with \`npm run seal\`. Never print them.`,
    '',
  );
  if (kit) {
    out.push(
      '## The contract kit',
      '',
      `\`${kit.kitFile}\` implements all of the above with ${kit.libraries.join(', ')}. Build the app on it; do not re-implement it.`,
      `Business metrics are declared in \`${kit.businessFile}\`, mirroring main.ts. Count one like this:`,
      '',
      '```',
      f.business.length ? kit.businessExample(f.business[0]) : kit.businessExample({ name: 'orders_processed_total', type: 'counter', help: 'Orders processed', labels: ['status'] }),
      '```',
      '',
      `Run it locally: \`${kit.runLocally}\` (then \`curl localhost:${f.ports.mgmt}${f.paths.readiness}\` and \`curl localhost:${f.ports.http}${f.paths.metrics}\`).`,
      '',
    );
  }
  out.push(
    '## Files',
    '',
    '| file | who changes it |',
    '|---|---|',
    ...(kit ? kit.files.map((file) => `| \`${file.path}\` | ${fileRole(file, kit)} |`) : []),
    '| `main.ts` | the creator\'s answers (size, components, business metrics); change only when asked |',
    '| `Dockerfile` | rarely; keep the base image, `USER 1000` and the ports |',
    `| \`k8s/\`, \`${IMAGE_TAG_FILE}\` | never: written by synth and the CD workflow |`,
    `| \`${DEFAULT_SEALED_FILE}\` | only through \`npm run seal\` |`,
    '',
    '## Before pushing',
    '',
    '1. `npm run synth`: writes k8s/ from main.ts.',
    '2. `npm run review`: the review gate; it must print no CRITICAL line.',
    `3. With the app running locally, also: \`npx vibe review k8s/ --metrics-url http://localhost:${f.ports.http}${f.paths.metrics} --logs <its stdout saved to a file> --src .\``,
    '',
    '## The review gate as tools: vibe mcp',
    '',
    `\`npx vibe-env mcp\` is a Model Context Protocol server for this repository, with the tools ${MCP_TOOL_NAMES.map((t) => `\`${t}\``).join(', ')}`,
    `and the resources ${MCP_RESOURCE_URIS.map((r) => `\`${r}\``).join(', ')}. Add it to your MCP configuration (e.g. \`.mcp.json\` here):`,
    '',
    '```json',
    mcpClientConfig(),
    '```',
    '',
    'Then loop: `review` k8s/, `explain` each finding\'s id you do not know, fix what it reports, `review` again.',
    'Paths stay inside this repository. It never takes or returns a secret: sealing stays with `npm run seal` on a terminal.',
    '',
    '## Reading a finding',
    '',
    'Each line is `[ID] what is wrong, where, and the fix`. CRITICAL lines must be fixed before the app deploys;',
    'WARNING lines should be. `npx vibe checks` lists all checks. The ones about the app\'s code, image, logs and metrics:',
    '',
    '| id | severity | check | what it verifies |',
    '|---|---|---|---|',
    ...checks.map((c) => `| ${c.id} | ${c.severity} | ${c.title} | ${c.verifies.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
    '',
  );
  return out.join('\n');
}

function fileRole(file: KitFile, kit: ContractKit): string {
  if (file.path === kit.businessFile) return 'the business metrics: add one here when main.ts declares it';
  if (file.role === 'kit') return 'the contract kit: keep its ports, paths, bodies, metric and log field names';
  if (file.role === 'sample') return 'the sample app: replace it with the app';
  return 'the build: add the app\'s dependencies';
}
