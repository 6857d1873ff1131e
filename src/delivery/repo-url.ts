/**
 * A repository URL's user info is a credential more often than not (`https://bob:<token>@host/`,
 * `https://oauth2:<token>@host/`): it must never be copied into a file that gets committed.
 * ArgoCD takes repository credentials from its own repository Secrets instead.
 */

/** `https://user:secret@host/x` → the part before `@` (never shown), or undefined when there is none. */
function userInfoOf(url: string): { scheme: string; user: string; password: boolean; rest: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*)@(.*)$/i.exec(url);
  if (!match) return undefined;
  const [, scheme, info, rest] = match;
  const colon = info.indexOf(':');
  return { scheme, user: colon < 0 ? info : info.slice(0, colon), password: colon >= 0, rest };
}

/**
 * Whether the URL carries credentials: any user info over http(s) (a token may stand where the
 * user is), a password over ssh (the login name alone, as in `ssh://git@host/x`, is no secret).
 * scp-like `git@host:path` has no password part.
 */
export function hasCredentials(url: string): boolean {
  const info = userInfoOf(url);
  if (!info) return false;
  return /^https?:\/\//i.test(info.scheme) || info.password;
}

/** The URL without its credentials (see hasCredentials); the login of an ssh URL stays. */
export function withoutCredentials(url: string): string {
  const info = userInfoOf(url);
  if (!info || !hasCredentials(url)) return url;
  if (/^https?:\/\//i.test(info.scheme)) return `${info.scheme}${info.rest}`;
  return `${info.scheme}${info.user}@${info.rest}`;
}

/** The message for a URL refused for its credentials; the URL itself is not repeated. */
export const CREDENTIALS_IN_URL =
  'carries credentials (user info before "@"), which would be committed in plain text. Give the URL without them; ArgoCD reads repository credentials from its own repository Secret. Example: https://git.internal.example.com/vibe/shop';
