import type { Construct } from 'constructs';
import { VibeChart, type VibeChartProps } from './vibe-chart';
import type { CredentialSpec } from '../components/stateful-component';
import { MANIFEST_FILES } from '../contract/files';
import { SealedSecret } from '../imports/bitnami.com';
import { scopeAnnotations } from '../seal/scope';
import type { SealedSecretFile } from '../seal/sealed-secret-file';

/** The value of a credential nobody has sealed yet; check E4 blocks it. */
export const UNSEALED_PLACEHOLDER = 'REPLACE_ME';

export interface SealedSecretsChartProps extends VibeChartProps {
  /** Name of the SealedSecret (and of the Secret the controller makes from it). */
  readonly secretName: string;
  /** Credentials the enabled components need. */
  readonly required: readonly CredentialSpec[];
  /** The app's sealed file, holding ciphertext only. @default - nothing sealed yet */
  readonly sealed?: SealedSecretFile;
}

/**
 * `02-sealed-secrets.yaml`: one SealedSecret with every credential of the app. A required
 * credential that is not sealed yet becomes a `REPLACE_ME` stub with sealing instructions in a
 * comment, so synth still works and the review gate says exactly what is missing.
 */
export class SealedSecretsChart extends VibeChart {
  /** Required keys that are still stubs. */
  public readonly missing: readonly string[];

  constructor(scope: Construct, props: SealedSecretsChartProps) {
    super(scope, MANIFEST_FILES.sealedSecrets, props);
    const { model } = this;
    const sealed = props.sealed?.values ?? new Map();
    const keys = [...new Set([...props.required.map((c) => c.key), ...sealed.keys()])].sort();
    this.missing = keys.filter((key) => !sealed.has(key));

    const annotations = scopeAnnotations(props.sealed?.scope ?? 'strict');
    const metadata = this.metadata(props.secretName, model.commonLabels, Object.keys(annotations).length ? annotations : undefined);
    new SealedSecret(this, 'sealed-secret', {
      metadata,
      spec: {
        encryptedData: Object.fromEntries(keys.map((key) => [key, sealed.get(key)?.ciphertext ?? UNSEALED_PLACEHOLDER])),
        template: { metadata, type: 'Opaque' },
      },
    });

    if (this.missing.length > 0) {
      const descriptions = props.required.filter((c) => this.missing.includes(c.key)).map((c) => `  ${c.key}: ${c.description}`);
      this.addHeaderComment(
        `${this.missing.length} credential(s) are not sealed yet, so their values are ${UNSEALED_PLACEHOLDER}:`,
        ...descriptions,
        'Generate and seal them (nothing is printed or written in plain text), then synthesize again:',
        '  vibe seal --app main.ts --cert sealed-secrets-cert.pem --generate      (answers in main.ts)',
        '  vibe seal --values vibe.yaml --cert sealed-secrets-cert.pem --generate  (answers in vibe.yaml)',
        'or seal values you already have, one KEY=VALUE per line on stdin:',
        `  vibe seal --cert sealed-secrets-cert.pem --namespace ${model.namespace} --name ${props.secretName} --merge-into sealed-secrets.yaml`,
        `The review gate (check E4) blocks deployment while any ${UNSEALED_PLACEHOLDER} is left.`,
      );
    }
  }
}
