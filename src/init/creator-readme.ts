import { readmeContractSection } from './readme-contract';
import { INIT_COMPONENT_KEYS } from '../components/catalogue';
import type { AppModel } from '../contract/app-model';
import { RUNTIME_IMAGES } from '../contract/images';
import { PORTS } from '../contract/ports';
import { dockerfileExpects } from '../delivery/dockerfiles';
import { IMAGE_TAG_FILE } from '../delivery/image-tag';
import { DEFAULT_SEALED_FILE } from '../inputs/default-sealed-file';

/** The cluster's certificate in the creator repository (public: safe to commit). */
export const CERT_FILE = 'sealed-secrets-cert.pem';

/** First line of the README vibe init writes: a README that has it is ours, and is kept as it is. */
export const README_MARKER = '<!-- Written by vibe init. Yours to edit. -->';

/**
 * The README of a new creator repository: what is here, and the few things to do, in plain words.
 * `credentialsFor` lists the components whose passwords the app needs; `certGiven` says whether
 * `vibe init --cert` copied the certificate in (and so made and sealed those passwords).
 */
export function creatorReadme(model: AppModel, credentialsFor: readonly string[], certGiven: boolean): string {
  const runtime = RUNTIME_IMAGES[model.answers.runtime];
  const certLine = certGiven
    ? `\`${CERT_FILE}\` is the cluster's certificate (it is public; commit it).`
    : `Ask the platform team for the cluster's certificate and save it here as \`${CERT_FILE}\` (it is public; commit it).`;
  return `${README_MARKER}
# ${model.displayName}

This repository holds your app and everything the platform needs to run it. You change your
code and push to \`main\`; about two minutes later the new version runs at
${model.answers.ingress.enabled ? `https://${model.ingressHost}` : 'its address inside the cluster (no public address: ingress is off)'}.

## What is here

| file | what it is | who changes it |
|---|---|---|
| \`main.ts\` | your answers: name, size, database and helpers, ingress | you |
| \`Dockerfile\` | how your app becomes an image (${runtime.label}) | rarely you |
| \`${IMAGE_TAG_FILE}\` | which build of your app runs | the CD workflow only |
| \`k8s/\` | the Kubernetes files, written from main.ts | the CD workflow only |
| \`${DEFAULT_SEALED_FILE}\` | your secrets, locked for the cluster | \`npm run seal\` |
| \`.github/workflows/\` | CI (build, scan, review) and CD (update k8s/) | nobody |
| \`argocd/application.yaml\` | tells the platform where to find k8s/ | the platform team, once |

## Before the first push

1. Put your app's code here. The Dockerfile expects: ${dockerfileExpects(model.answers.runtime)}.
   Your app must listen on port ${PORTS.http} and keep the contract described below.
2. Run \`npm install\` once and commit \`package-lock.json\` with everything else.
3. ${certLine}${passwordsStep(credentialsFor, certGiven)}

Then \`git push\`. The platform team applies \`argocd/application.yaml\` once; after that every
push to \`main\` deploys itself.

${readmeContractSection(model)}
## Change something

- **Your code**: commit and push. CI builds and checks it, CD updates \`k8s/\`, the cluster follows.
- **Your answers** (size, a database, …): edit \`main.ts\`, run \`npm run synth\` to see the files it
  writes under \`k8s/\` and \`npm run review\` to check them, then push. You never edit \`k8s/\` or
  \`${IMAGE_TAG_FILE}\` yourself; the next deployment would overwrite them.
- **A new database, cache or queue** (${INIT_COMPONENT_KEYS.join(', ')}): after adding it to main.ts,
  make and lock its password with \`${resealCommand()}\`
  (it reads main.ts; only the missing passwords are made, the ones already locked are kept).

## Secrets

Passwords and API keys never go into main.ts, the Dockerfile or git as plain text. They are
locked ("sealed") with the cluster's certificate: only the cluster can open them, so the locked
file \`${DEFAULT_SEALED_FILE}\` is safe to commit. To add one of your own (an API key, say):

\`\`\`sh
npm run seal
# type KEY=VALUE lines (not shown on screen), then Ctrl-D; for example STRIPE_API_KEY=…
\`\`\`

\`npm run seal\` is \`vibe seal --cert sealed-secrets-cert.pem --namespace ${model.namespace} --name ${model.secretName} --merge-into ${DEFAULT_SEALED_FILE}\`:
it adds or replaces the keys you type and keeps the others. Your app receives each key as an
environment variable of the same name.

## Read the review

CI and CD run \`vibe review\` on \`k8s/\` and your Dockerfile. Run it yourself with \`npm run review\`.
It prints either

\`\`\`
✅ App "${model.displayName}" passed all platform contract checks. Ready to deploy.
\`\`\`

or a list under **CRITICAL (must fix)** and **WARNING (strongly recommended)**. Each line starts
with a check id in brackets, such as \`[E4]\`, then says what is wrong, where, and what to change.
Any CRITICAL line stops the deployment; warnings do not. \`[E4]\` before your first deployment
means a password is not sealed yet (see Secrets). In GitHub, the report is in the CI run's
"Review the manifests" step and under Security > Code scanning. \`npx vibe checks\` lists every check.
`;
}

function passwordsStep(components: readonly string[], certGiven: boolean): string {
  if (components.length === 0) return '';
  const which = components.length === 1 ? components[0] : `${components.slice(0, -1).join(', ')} and ${components[components.length - 1]}`;
  if (certGiven) {
    return `
4. Your app uses ${which}: their passwords were made and locked into \`${DEFAULT_SEALED_FILE}\` when
   this repository was created. Nobody ever sees them; commit the file as it is.`;
  }
  return `
4. Your app uses ${which}, which need passwords. Once the certificate is here, make and lock them
   (nobody ever sees them) with:
   \`${resealCommand()}\`
   It reads the answers from main.ts and only writes \`${DEFAULT_SEALED_FILE}\`. Until then the review stops deployments with [E4].`;
}

/** Seals the passwords main.ts needs that are not sealed yet (the answers come from main.ts). */
function resealCommand(): string {
  return `npx vibe seal --app main.ts --cert ${CERT_FILE} --generate`;
}
