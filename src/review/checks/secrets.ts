import type { ManifestObject } from '../../manifests/manifest-object';
import { inspectSealedValue } from '../../seal/ciphertext-layout';
import { CLUSTER_WIDE_ANNOTATION, NAMESPACE_WIDE_ANNOTATION, scopeFromAnnotations } from '../../seal/scope';
import { SEALED_SECRET_KIND } from '../../seal/sealed-secret-manifest';
import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';
import { describeContainer, type Workload } from '../workloads';
import { composedFromReferences, isCredentialName, judgeNamedValue, listSome, PLACEHOLDER_TOKEN, refOf, type CredentialVerdict } from './secrets-names';
import { reviewScan } from './secrets-scan';
import { CREDENTIAL_RULES } from '../secrets/credential-rules';
import { textOf } from '../text';
import { asMap, isMap, type ManifestMap } from '../values';

/**
 * Group E, Secrets (CRITICAL): credentials reach the cluster only sealed, only through
 * `secretKeyRef`, and never sit in plain text in a manifest, a ConfigMap or an image.
 *
 * E2, E3 and E5 read values with the secret scanner (../secrets): the built-in patterns and
 * secretlint's recommended rules, run once per review for all of them (secrets-scan.ts). Only
 * credential findings count here; e-mail addresses and card numbers in a ConfigMap are personal
 * data, not credentials (G6 looks for them in logs). No message ever repeats a value.
 */

/** What the credential detector (../secrets/detector.ts) refuses, for E2, E3 and E5's descriptions. */
const CREDENTIAL_JUDGEMENT =
  'a name whose words make it a credential (`DB_PASS`, `ADMIN_PW`, `JWT_SIGNING`, `ENCRYPTION_KEY`, `SENTRY_DSN`, a connection URL with a password; not `TOKEN_TTL_SECONDS`, ' +
  '`PASSWORD_MIN_LENGTH`, `CACHE_KEY_PREFIX`) with a value, a random-looking value (16+ characters, 3.5+ bits of entropy per character) under a key-like name (`STRIPE_KEY`), ' +
  `or a value in one of ${CREDENTIAL_RULES.length} known credential formats (taken from gitleaks, secretlint, detect-secrets and Nosey Parker: Stripe, OpenAI, Anthropic, GitHub, GitLab, ` +
  'Slack, AWS, Google, Azure, Twilio, SendGrid, Mailgun, npm, JWTs, private keys) or a URL with a password, plus secretlint\'s recommended rules.';

/** How to seal values for a Secret; vibe seal asks for them without showing them (or reads KEY=VALUE lines on stdin). */
function sealCommand(namespace: string | undefined, secret: string, fromEnv?: string): string {
  return `vibe seal --cert <cluster cert> --namespace ${namespace ?? '<namespace>'} --name ${secret}${fromEnv ? ` --from-env ${fromEnv}` : ''} --merge-into sealed-secrets.yaml`;
}

/** The name of the Secret a SealedSecret becomes. */
function secretNameOf(sealed: ManifestObject): string {
  return textOf(sealed.object.spec?.template?.metadata?.name ?? sealed.name);
}

/** A sealed secret to name in advice: the set's only SealedSecret, else a placeholder. */
function sealedSecretHint(context: ReviewContext): string {
  const sealed = context.ofKind(SEALED_SECRET_KIND);
  return sealed.length === 1 ? secretNameOf(sealed[0]) : '<your sealed secret>';
}

const E1: Check = {
  id: 'E1',
  slug: 'no-plain-secrets',
  scope: {},
  group: 'E',
  title: 'No plain Secrets',
  severity: 'CRITICAL',
  verifies: 'The set holds no `kind: Secret`; credentials come only as SealedSecrets.',
  fix: 'Seal the values with `vibe seal` and commit the SealedSecret instead; delete the plain Secret from Git.',
  run(context) {
    const secrets = context.ofKind('Secret');
    if (secrets.length === 0) return [pass()];
    return secrets.map((secret) =>
      fail(
        `Plain Secret "${secret.name}" found in ${secret.file} — replace with SealedSecret. Anyone who can read the repository can decode it with base64 -d. ` +
          `Seal its values with ${sealCommand(secret.namespace ?? context.appNamespace, secret.name || '<secret>')} (it asks for them without showing them), ` +
          'commit the SealedSecret, delete the Secret from Git, and change every value it held: they are exposed.',
        secret,
      ),
    );
  },
};

const E2: Check = {
  id: 'E2',
  slug: 'no-credentials-in-configmaps',
  scope: { kinds: ['ConfigMap'] },
  group: 'E',
  title: 'No credentials in ConfigMaps',
  severity: 'CRITICAL',
  verifies:
    'No ConfigMap value is a credential, judged by key and value together: ' + CREDENTIAL_JUDGEMENT + ' Inside a file value, a credential field (`password=…`, `"api_key": "…"`) counts too.',
  fix: 'Move the credential into the sealed secret (`vibe seal`) and read it with `secretKeyRef`; keep only non-sensitive settings in the ConfigMap.',
  run(context) {
    const scan = reviewScan(context);
    return context.ofKind('ConfigMap').map((configMap) => {
      const problems: string[] = [];
      const data = configMap.object.data;
      const hits = scan.configMaps.get(configMap);
      if (data && typeof data === 'object') {
        for (const [key, value] of Object.entries(data)) {
          const found = (hits?.get(key) ?? []).filter((h) => h.category === 'credential');
          const verdict = judgeNamedValue(key, value, { valueScanned: true });
          if (verdict?.by === 'name') problems.push(`${key} (${verdict.what})`);
          else if (found.length > 0) problems.push(`${key} (${listSome([...new Set(found.map((h) => h.name))])})`);
          else if (verdict) problems.push(`${key} (${verdict.what})`);
        }
      }
      if (problems.length === 0) return pass(configMap);
      return fail(
        `ConfigMap "${configMap.name}" holds credentials in plain text: ${listSome(problems, 5)}. Anyone who can read the namespace or the repository can read them. ` +
          `Seal them instead (${sealCommand(configMap.namespace ?? context.appNamespace, sealedSecretHint(context))}), read them with valueFrom.secretKeyRef, ` +
          'remove them from the ConfigMap, and change them: they are exposed.',
        configMap,
      );
    });
  },
};

/** A verdict in the words of a Dockerfile finding: "sets a credential", "holds a Stripe secret key". */
function verdictWords(verdict: CredentialVerdict | undefined): string | undefined {
  if (!verdict) return undefined;
  return verdict.by === 'name' ? 'sets a credential' : verdict.by === 'entropy' ? 'sets a random-looking key' : `holds a ${verdict.what}`;
}

const E3: Check = {
  id: 'E3',
  slug: 'no-credentials-in-dockerfiles',
  scope: { kinds: 'none', inputs: ['dockerfiles'] },
  group: 'E',
  title: 'No credentials in Dockerfiles',
  severity: 'CRITICAL',
  input: 'dockerfiles',
  verifies: 'No Dockerfile `ENV` or `ARG` sets a credential, judged by name and value together: ' + CREDENTIAL_JUDGEMENT,
  fix: 'Remove the credential from the Dockerfile; the app reads it at run time from an environment variable filled by `secretKeyRef`.',
  run(context) {
    if (context.dockerfiles.length === 0) return [];
    const scan = reviewScan(context);
    const results: CheckResult[] = [];
    for (const parsed of context.dockerfiles) {
      let failed = false;
      for (const setting of parsed.settings) {
        const value = setting.value ?? '';
        const found = (scan.dockerfile.get(setting) ?? []).filter((h) => h.category === 'credential');
        let what: string | undefined;
        if (found.length > 0) {
          what = `holds a ${listSome([...new Set(found.map((h) => h.name))])}`;
        } else if (isCredentialName(setting.name) && /\$/.test(value) && setting.instruction === 'ENV' && value.trim() !== '') {
          what = 'copies a build argument that looks like a credential into the image';
        } else {
          what = verdictWords(judgeNamedValue(setting.name, value, { valueScanned: true }));
        }
        if (!what) continue;
        failed = true;
        const baked =
          setting.instruction === 'ENV'
            ? 'it is baked into the image, and anyone who can pull the image can read it with docker inspect'
            : 'its default stays in the image history, readable by anyone who can pull the image';
        results.push(
          fail(
            `${parsed.file} line ${setting.line}: ${setting.instruction} ${setting.name} ${what} — ${baked}. Remove it from the Dockerfile; ` +
              'the app reads it at run time from an environment variable filled by secretKeyRef from the sealed secret (vibe seal). Change the value: it is exposed.',
            undefined,
            { file: parsed.file, line: setting.line },
          ),
        );
      }
      if (!failed) results.push(pass(undefined, { file: parsed.file }));
    }
    return results;
  },
};

/** Every string value of an object with its path (`spec.template.spec.containers[0].env[2].value`). */
function* stringValues(value: unknown, path: string, depth = 0): Generator<{ path: string; value: string }> {
  if (depth > 200) return;
  if (typeof value === 'string') {
    yield { path, value };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* stringValues(value[i], `${path}[${i}]`, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* stringValues(child, path ? `${path}.${key}` : key, depth + 1);
  }
}

/**
 * True when some string value (at any depth) passes `test`: the cheap pre-test before the walk
 * that collects paths, which most objects never need. Neither serializes the object nor builds
 * paths, so an object without a placeholder costs one visit of its values.
 */
function someStringValue(value: unknown, test: (text: string) => boolean, depth = 0): boolean {
  if (typeof value === 'string') return test(value);
  // As deep as stringValues looks (which also keeps a self-referencing alias from recursing forever).
  if (value === null || typeof value !== 'object' || depth > 200) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (someStringValue(item, test, depth + 1)) return true;
    return false;
  }
  for (const key in value) if (Object.hasOwn(value, key) && someStringValue((value as Record<string, unknown>)[key], test, depth + 1)) return true;
  return false;
}

/**
 * PLACEHOLDER_TOKEN, with a cheap exact pre-test first: every spelling is at least 8 characters
 * (CHANGEME) and ends in "me" in some case, which most values (names, labels, ports) do not hold.
 */
const holdsPlaceholder = (text: string) =>
  text.length >= 8 && (text.includes('ME') || text.includes('me') || text.includes('Me') || text.includes('mE')) && PLACEHOLDER_TOKEN.test(text);

const E4: Check = {
  id: 'E4',
  slug: 'no-placeholders',
  scope: {},
  // Credentials not sealed yet are the one expected failure at synth time: a notice, not a stop.
  blocksSynth: false,
  group: 'E',
  title: 'No placeholders left',
  severity: 'CRITICAL',
  verifies: 'No value in the set is a `CHANGE_ME` or `REPLACE_ME` placeholder (any case, `-` or `_` or nothing between the words).',
  fix: 'Seal the real values (`vibe seal --app main.ts --cert sealed-secrets-cert.pem --generate`, or `--values vibe.yaml`, creates and seals the component passwords) and synthesize again, or put the real setting in place.',
  run(context) {
    return context.manifests.map((manifest) => {
      if (!someStringValue(manifest.object, holdsPlaceholder)) return pass(manifest);
      const found = [...stringValues(manifest.object, '')].filter(({ value }) => PLACEHOLDER_TOKEN.test(value));
      if (found.length === 0) return pass(manifest);
      const token = PLACEHOLDER_TOKEN.exec(found[0].value)?.[0] ?? 'REPLACE_ME';
      const paths = found.map((f) => f.path);
      const sealed = manifest.kind === SEALED_SECRET_KIND;
      const advice = sealed
        ? 'These credentials were never sealed, so the app cannot start. Generate and seal them: vibe seal --app main.ts --cert sealed-secrets-cert.pem --generate ' +
          '(answers in vibe.yaml: --values vibe.yaml; or seal values you have, one KEY=VALUE per line on stdin), then synthesize again (npm run synth).'
        : 'Put the real value in place; if it is a credential, seal it with vibe seal and read it with secretKeyRef instead.';
      return fail(`Placeholder ${token} left in ${refOf(manifest)} (${manifest.file}) at ${listSome(paths, 4)}. ${advice}`, manifest);
    });
  },
};

/** Where a container's env var gets its value, for messages. */
function sourceOf(entry: ManifestMap): string {
  const from = asMap(entry.valueFrom);
  if (isMap(from.configMapKeyRef)) return `comes from ConfigMap "${textOf(from.configMapKeyRef.name ?? '?')}"`;
  if (from.fieldRef || from.resourceFieldRef) return 'comes from a pod field';
  if (entry.value === undefined || entry.value === null || textOf(entry.value).trim() === '') return 'is set to an empty plain value';
  return 'is set as a plain value';
}

const E5: Check = {
  id: 'E5',
  slug: 'credentials-via-secret-ref',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'E',
  title: 'Credentials via secretKeyRef',
  severity: 'CRITICAL',
  verifies:
    'Every credential-named env var takes its value from `valueFrom.secretKeyRef`, never a plain `value:` (an empty value included) or a ConfigMap; and no plain env value ' +
    'is a credential, judged by name and value together: ' + CREDENTIAL_JUDGEMENT,
  fix: 'Seal the value with `vibe seal` and use `valueFrom: { secretKeyRef: { name: <sealed secret>, key: <KEY> } }`.',
  run(context) {
    const scan = reviewScan(context);
    const secretName = sealedSecretHint(context);
    const results: CheckResult[] = [];
    const judged = new Set<Workload>();
    for (const ref of context.containers()) {
      judged.add(ref.workload);
      const env = Array.isArray(ref.container.env) ? ref.container.env : [];
      for (const entry of env) {
        if (!entry || typeof entry !== 'object' || typeof entry.name !== 'string') continue;
        const name: string = entry.name;
        const fromSecret = entry.valueFrom?.secretKeyRef !== undefined;
        const plain = entry.value === undefined || entry.value === null ? '' : textOf(entry.value);
        const found = (scan.env.get(entry) ?? []).filter((h) => h.category === 'credential');
        let problem: string | undefined;
        const verdict = fromSecret || composedFromReferences(plain) ? undefined : judgeNamedValue(name, entry.value, { valueScanned: true });
        if (found.length > 0) {
          problem = `${name} holds a ${listSome([...new Set(found.map((h) => h.name))])} as a plain value`;
        } else if (isCredentialName(name) && !fromSecret && !composedFromReferences(plain) && (verdict || plain.trim() === '' || entry.valueFrom?.configMapKeyRef)) {
          // An empty value or a ConfigMap is refused too: the credential belongs in the sealed secret.
          problem = `${name} ${sourceOf(entry)}`;
        } else if (verdict) {
          problem = `${name} holds ${verdict.by === 'format' ? 'a ' : ''}${verdict.what} as a plain value`;
        }
        if (!problem) continue;
        results.push(
          fail(
            `${describeContainer(ref)}: ${problem} — credentials come only from the sealed secret through secretKeyRef, never from a plain value or a ConfigMap. ` +
              `Seal it (${sealCommand(ref.workload.manifest.namespace ?? context.appNamespace, secretName, name)}) and write ` +
              `valueFrom: { secretKeyRef: { name: ${secretName}, key: ${name} } } instead` +
              (plain.trim() ? '; change the value, it is exposed.' : '.'),
            ref.workload.manifest,
          ),
        );
      }
    }
    const failed = new Set(results.map((r) => r.object));
    for (const workload of judged) if (!failed.has(workload.manifest)) results.push(pass(workload.manifest));
    return results;
  },
};

/** Names of the Secrets a pod template uses: env, envFrom, volumes (projected too). */
function secretsUsedBy(workload: Workload): Set<string> {
  const names = new Set<string>();
  for (const { container } of workload.containers) {
    for (const entry of Array.isArray(container.env) ? container.env : []) {
      const name = entry?.valueFrom?.secretKeyRef?.name;
      if (typeof name === 'string') names.add(name);
    }
    for (const source of Array.isArray(container.envFrom) ? container.envFrom : []) {
      const name = source?.secretRef?.name;
      if (typeof name === 'string') names.add(name);
    }
  }
  for (const volume of Array.isArray(workload.podSpec.volumes) ? workload.podSpec.volumes : []) {
    if (typeof volume?.secret?.secretName === 'string') names.add(volume.secret.secretName);
    for (const source of Array.isArray(volume?.projected?.sources) ? volume.projected.sources : []) {
      if (typeof source?.secret?.name === 'string') names.add(source.secret.name);
    }
  }
  return names;
}

const E6: Check = {
  id: 'E6',
  slug: 'sealed-secret-namespace',
  scope: { kinds: ['SealedSecret'] },
  group: 'E',
  title: 'SealedSecret namespace',
  severity: 'CRITICAL',
  verifies:
    'Every SealedSecret (and its template, when it names one) is in the namespace of the workloads that use its Secret, or in the app namespace when none does; ' +
    'a workload elsewhere that has a Secret of that name in its own namespace is not counted. A value sealed for one namespace cannot be opened in another.',
  fix: 'Set `metadata.namespace` to the app namespace and seal the values again for it (`vibe seal --namespace <namespace>`).',
  run(context) {
    const appNamespace = context.appNamespace;
    const sealedSecrets = context.ofKind(SEALED_SECRET_KIND);
    if (sealedSecrets.length === 0) return [];
    // Who reads which Secret, by namespace: a pod reads Secrets of its own namespace only.
    const readers = new Map<string, Map<string, Workload[]>>();
    for (const workload of context.workloads()) {
      const namespace = workload.manifest.namespace ?? appNamespace;
      if (!namespace) continue;
      for (const name of secretsUsedBy(workload)) {
        const byNamespace = readers.get(name) ?? new Map<string, Workload[]>();
        readers.set(name, byNamespace);
        const list = byNamespace.get(namespace);
        if (list) list.push(workload);
        else byNamespace.set(namespace, [workload]);
      }
    }
    // Secrets the set provides where: a reader elsewhere with its own Secret of that name is not this one's.
    const provided = new Set(
      context.ofKind(SEALED_SECRET_KIND, 'Secret').map((m) => `${m.namespace ?? appNamespace}\u0000${m.kind === 'Secret' ? m.name : secretNameOf(m)}`),
    );

    // The first namespace whose readers of a Secret name have no Secret of that name there: once per name, not per SealedSecret.
    const orphans = new Map<string, [string, Workload[]] | undefined>();
    const orphanOf = (secretName: string, byNamespace: Map<string, Workload[]>) => {
      if (!orphans.has(secretName)) orphans.set(secretName, [...byNamespace].find(([namespace]) => !provided.has(`${namespace}\u0000${secretName}`)));
      return orphans.get(secretName);
    };

    return sealedSecrets.map((sealed) => {
      const secretName = secretNameOf(sealed);
      const declared = sealed.namespace;
      const template = sealed.object.spec?.template?.metadata?.namespace;
      const byNamespace = readers.get(secretName) ?? new Map<string, Workload[]>();
      let expected: string | undefined;
      let users: Workload[] = [];
      if (!declared) {
        const first: [string, Workload[]] | undefined = byNamespace.entries().next().value;
        expected = first?.[0] ?? appNamespace;
        users = first?.[1] ?? [];
      } else if (!byNamespace.has(declared)) {
        const orphan = orphanOf(secretName, byNamespace);
        if (orphan) [expected, users] = orphan;
        else if (byNamespace.size === 0 && appNamespace && declared !== appNamespace) expected = appNamespace;
      }
      const problems: string[] = [];
      const who = users.length
        ? `${listSome(users.map((w) => refOf(w.manifest)))}, which ${users.length === 1 ? 'uses it, runs' : 'use it, run'} in`
        : 'the app runs in';
      if (expected && !declared) problems.push(`has no metadata.namespace, while ${who} "${expected}"`);
      else if (expected) problems.push(`is in namespace "${declared}", but ${who} "${expected}"`);
      const home = declared ?? expected;
      if (typeof template === 'string' && home && template !== home) problems.push(`sends its Secret to namespace "${template}" (spec.template.metadata.namespace)`);
      if (problems.length === 0) return pass(sealed);
      const target = expected ?? home ?? '<namespace>';
      return fail(
        `SealedSecret "${sealed.name}" ${problems.join(', and ')} — the controller creates the Secret only in the namespace it was sealed for, so the pods cannot read it. ` +
          `Put the SealedSecret in "${target}" (metadata.namespace, and spec.template.metadata.namespace if set) and seal the values again for that namespace: ` +
          `vibe seal --namespace ${target} --name ${secretName} …`,
        sealed,
      );
    });
  },
};

/** RSA keys end at 8192 bits: a longer "RSA block" means the value was never sealed (a plain Secret's base64 pasted in). */
const MAX_RSA_BYTES = 1024;

function looksLikePlainBase64(value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length >= 2 && bytes.readUInt16BE(0) > MAX_RSA_BYTES;
}

const E7: Check = {
  id: 'E7',
  slug: 'well-formed-sealed-values',
  scope: { kinds: ['SealedSecret'] },
  group: 'E',
  title: 'Well-formed sealed values',
  severity: 'CRITICAL',
  verifies:
    'Every `encryptedData` value is a sealed value (base64 of a length-prefixed RSA block and an AES-GCM payload); with the cluster certificate given, its RSA block ' +
    'is the size of the controller\'s key; the scope annotations are consistent (not both namespace-wide and cluster-wide). Placeholders are left to E4.',
  fix: 'Seal the values again with the cluster\'s certificate: `vibe seal --cert <cluster cert>` (or `kubeseal --fetch-cert` to get it).',
  run(context) {
    const keyBytes = context.inputs.sealingKeyBytes;
    return context.ofKind(SEALED_SECRET_KIND).map((sealed) => {
      const problems: string[] = [];
      const spec = sealed.object.spec ?? {};
      const encrypted = spec.encryptedData;
      if (encrypted === undefined && spec.data !== undefined) {
        problems.push('uses the old spec.data format (the whole Secret sealed in one block), which vibe-env cannot check; seal each value into spec.encryptedData');
      }
      if (encrypted !== undefined && (encrypted === null || typeof encrypted !== 'object' || Array.isArray(encrypted))) {
        problems.push('has an encryptedData that is not a map of KEY: sealed value');
      } else if (encrypted) {
        const bySize = new Map<number, string[]>();
        for (const [key, value] of Object.entries(encrypted)) {
          if (typeof value === 'string' && PLACEHOLDER_TOKEN.test(value)) continue; // E4 reports placeholders
          const text = typeof value === 'string' ? value : '';
          const inspection = inspectSealedValue(text);
          if (!inspection.ok) {
            problems.push(looksLikePlainBase64(text) ? `${key} is not ciphertext but plain base64, which anyone can decode (change that value)` : `${key} ${inspection.reason}`);
          } else if (keyBytes !== undefined && inspection.rsaLength !== keyBytes) {
            bySize.set(inspection.rsaLength, [...(bySize.get(inspection.rsaLength) ?? []), key]);
          }
        }
        for (const [size, keys] of bySize) {
          problems.push(
            `${listSome(keys)} ${keys.length === 1 ? 'was' : 'were'} sealed with a ${size * 8}-bit key, but this cluster's controller uses a ${keyBytes! * 8}-bit key ` +
              'and cannot open them (sealed for another cluster?)',
          );
        }
      }
      for (const [where, annotations] of [
        ['metadata', sealed.object.metadata?.annotations],
        ['spec.template.metadata', spec.template?.metadata?.annotations],
      ] as const) {
        if (scopeFromAnnotations(annotations) === 'both') {
          problems.push(`${where} is annotated both ${NAMESPACE_WIDE_ANNOTATION} and ${CLUSTER_WIDE_ANNOTATION}; keep the one scope the values were sealed with`);
        }
      }
      // A template that names a scope must name the object's scope (kubeseal writes it on both).
      const top = scopeFromAnnotations(sealed.object.metadata?.annotations);
      const inTemplate = scopeFromAnnotations(spec.template?.metadata?.annotations);
      if (top !== 'both' && inTemplate !== 'both' && inTemplate !== 'strict' && top !== inTemplate) {
        problems.push(`its template is annotated ${inTemplate} but the SealedSecret itself ${top === 'strict' ? 'is not' : `is ${top}`}; both must carry the scope the values were sealed with`);
      }
      if (problems.length === 0) return pass(sealed);
      return fail(
        `SealedSecret "${sealed.name}" in ${sealed.file}: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? `; and ${problems.length - 4} more` : ''}. ` +
          'Seal the values again with this cluster\'s certificate: vibe seal --cert <cluster cert> (kubeseal --fetch-cert prints it) --merge-into sealed-secrets.yaml.',
        sealed,
      );
    });
  },
};

export const SECRET_CHECKS: readonly Check[] = [E1, E2, E3, E4, E5, E6, E7];
