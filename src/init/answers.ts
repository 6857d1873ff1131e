import { AppModel } from '../contract/app-model';
import { PLACEHOLDER_TAG } from '../delivery/image-tag';

/** The answers `vibe init` takes as flags (or asks for), as the creator typed them. */
export interface InitAnswerFlags {
  readonly slug?: string;
  readonly name?: string;
  readonly size?: string;
  /** Comma-separated answer keys of the component catalogue (`INIT_COMPONENT_KEYS`), nginx, mgmtSidecar; `none` for none. */
  readonly components?: string;
  /** False with --no-nginx: the app is reached without the reverse proxy. */
  readonly nginx?: boolean;
  /** --ingress / --no-ingress. */
  readonly ingress?: boolean;
  readonly runtime?: string;
  /** The image's path in the registry. @default `<slug>-app` */
  readonly repository?: string;
}

/** The answer keys a prompt can fill in, in the order it asks. */
export const PROMPTED_ANSWERS = ['slug', 'name', 'runtime', 'size', 'components', 'nginx', 'sidecar', 'ingress', 'cert'] as const;
export type PromptedAnswer = (typeof PROMPTED_ANSWERS)[number];

/** `a, b` → `{ a: true, b: true }` (the answers check the names); nginx follows --nginx (on by default). */
export function componentsFromFlags(list: string | undefined, nginx: boolean | undefined): Record<string, boolean> {
  const names = (list ?? '')
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '' && name.toLowerCase() !== 'none');
  const components: Record<string, boolean> = {};
  for (const name of names) components[name] = true;
  components.nginx = nginx !== false;
  return components;
}

/** The image path in the registry when none is given: `<slug>-app`, as in the platform's examples. */
export function defaultRepository(slug: string | undefined): string {
  return slug && /^[a-z][-a-z0-9]*$/.test(slug) ? `${slug}-app` : 'app';
}

/** The answers object main.ts will hold, before validation (tag: the placeholder until CI builds). */
export function rawAnswers(flags: InitAnswerFlags): Record<string, unknown> {
  return {
    slug: flags.slug,
    ...(flags.name !== undefined ? { name: flags.name } : {}),
    image: { repository: flags.repository ?? defaultRepository(flags.slug), tag: PLACEHOLDER_TAG },
    ...(flags.size !== undefined ? { size: flags.size } : {}),
    ...(flags.runtime !== undefined ? { runtime: flags.runtime } : {}),
    components: componentsFromFlags(flags.components, flags.nginx),
    ingress: { enabled: flags.ingress !== false, tls: true },
  };
}

/**
 * Validates the answers with the same schema as main.ts and vibe.yaml, so a bad flag gets the
 * same plain one-line message (and exit 2) as a bad answer anywhere else.
 */
export function resolveInitAnswers(flags: InitAnswerFlags): AppModel {
  return AppModel.resolve(rawAnswers(flags));
}
