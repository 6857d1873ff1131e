import { AGENTS_FILE } from './agents-md';
import { contractKit } from './kits';
import { kitFacts } from './kits/kit-facts';
import type { AppModel } from '../contract/app-model';

/**
 * The creator README's section on the app's half of the contract: what the app must answer,
 * where the kit that does it lives, how to add a business metric, and what changes with the
 * mgmt sidecar. Facts come from the kit and its facts, as AGENTS.md's do.
 */
export function readmeContractSection(model: AppModel): string {
  const f = kitFacts(model);
  const kit = contractKit(model);
  const endpoints = `\`${f.paths.liveness}\`, \`${f.paths.readiness}\`, \`${f.paths.info}\` and \`${f.paths.shutdown}\``;
  const lines = [
    '## Your app\'s half of the contract',
    '',
    `The platform watches your app through a few fixed doors. ${f.serveManagement
      ? `Your app answers ${endpoints} on port ${f.ports.mgmt} (the platform asks these to know whether it is alive and ready)`
      : `With \`mgmtSidecar: true\` in main.ts a small helper next to your app answers ${endpoints} on port ${f.ports.mgmt}, so your app must not use that port`},`,
    `serves its numbers on \`${f.paths.metrics}\` (port ${f.ports.http}, the Grafana dashboard reads them) and writes each log line as JSON with`,
    `"${f.logFields.time}", "${f.logFields.level}" and "${f.logFields.msg}" (the platform's log search reads them).`,
    '',
  ];
  if (kit) {
    lines.push(
      `You do not have to write any of that: \`${kit.kitFile}\` does it, with ${kit.libraries.join(', ')}.`,
      `The sample app (written only when the folder had no app) uses it: replace the sample with your app and keep using the kit. Try it with \`${kit.runLocally}\`.`,
      '',
      '**Add a business metric** (one of the "three numbers" that say your app is doing its job): add it to `businessMetrics` in',
      `main.ts (name, type, labels, help), add the same entry to \`${kit.businessFile}\`, and count it where it happens, for example`,
      `\`${kit.businessExample({ name: 'orders_processed_total', type: 'counter', help: 'Orders processed', labels: ['status'] })}\`. The dashboard gets a panel for it.`,
      '',
    );
  } else {
    lines.push('There is no ready-made kit for this language yet: ask your coding assistant to build these from `AGENTS.md`.', '');
  }
  lines.push(`\`${AGENTS_FILE}\` tells a coding assistant all of this in its own words: point it there before it changes your app.`, '');
  return lines.join('\n');
}
