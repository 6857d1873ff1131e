import type { KeyObject } from 'node:crypto';
import type { FixWorkspace } from './workspace';
import type { Size } from '../../contract/sizes';
import type { ManifestObject } from '../../manifests/manifest-object';
import type { ReviewContext } from '../context';
import type { Finding } from '../finding';

/** What the fix knows beyond the manifests: only values the creator or the contract gives. */
export interface FixSettings {
  /** The app's t-shirt size (`--size`): resources for the app's own containers. */
  readonly size?: Size;
  /** The commit SHA (or digest) the app's image is pinned to (`--image-tag`). */
  readonly imageTag?: string;
  /** The sealed-secrets controller's public key (`--cert`): plain Secrets become SealedSecrets. */
  readonly sealingKey?: KeyObject;
}

/** One change a fixer made, in the creator's words (never a secret value). */
export interface FixedItem {
  readonly id: string;
  readonly file: string;
  /** `Deployment/shop-app`, when the change is on one object. */
  readonly object?: string;
  readonly what: string;
}

/** A finding of a mechanical check that the fix could not make, and why. */
export interface Unfixable {
  readonly id: string;
  readonly file?: string;
  readonly object?: string;
  readonly why: string;
}

/** One fixer's turn: the review's facts, the findings of its check, and where to edit. */
export interface FixRun {
  readonly context: ReviewContext;
  readonly findings: readonly Finding[];
  readonly workspace: FixWorkspace;
  readonly settings: FixSettings;
  /** Records a change (the fixer has already made it in the workspace). */
  fixed(manifest: Pick<ManifestObject, 'file' | 'kind' | 'name'> | string, what: string): void;
  /** Records why a finding is left for the creator. */
  cannot(manifest: Pick<ManifestObject, 'file' | 'kind' | 'name'> | string | undefined, why: string): void;
}

/**
 * The mechanical fix of one check: edits the workspace so the check's findings go away, using
 * only values known from the contract, the set and the settings. Idempotent: on a set where the
 * check passes it changes nothing (it is only called for checks with findings anyway).
 */
export interface Fixer {
  readonly id: string;
  fix(run: FixRun): void;
}
