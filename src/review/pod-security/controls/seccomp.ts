import { textOf } from '../../text';
import { asMap } from '../../values';
import { containersPhrase, joinQuote, pluralize, sortedSet, type ControlResult, type PodSecurityControl } from '../control';
import { isSet, isWindowsPod, podSecurityContext, securityContextOf, type PodView } from '../pod';

/** Seccomp: baseline refuses an explicit Unconfined; restricted demands RuntimeDefault or Localhost. */

const VALID_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const validType = (type: unknown): boolean => typeof type === 'string' && VALID_TYPES.has(type);

/** Before 1.19 the profile was an annotation. */
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const validAnnotation = (value: string): boolean => value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');

function baselineAnnotations(pod: PodView): ControlResult | undefined {
  const annotations = asMap(pod.metadata.annotations);
  const forbidden: string[] = [];
  const paths: string[] = [];
  const keys = [POD_ANNOTATION, ...pod.containers.map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)];
  for (const key of keys) {
    if (!Object.hasOwn(annotations, key)) continue;
    const value = textOf(annotations[key]);
    if (validAnnotation(value)) continue;
    forbidden.push(`${key}=${JSON.stringify(value)}`);
    paths.push(`metadata.annotations[${key}]`);
  }
  if (!forbidden.length) return undefined;
  const list = sortedSet(forbidden);
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`, paths };
}

/** Who sets a profile type that is not allowed: the pod, the containers. */
function explicitlyBad(pod: PodView): { setters: string[]; values: string[]; paths: string[]; podValid: boolean } {
  const setters: string[] = [];
  const values: string[] = [];
  const paths: string[] = [];
  let podValid = false;
  const podProfile = podSecurityContext(pod).seccompProfile;
  if (isSet(podProfile)) {
    const type = asMap(podProfile).type;
    if (validType(type)) {podValid = true;} else {
      setters.push('pod');
      values.push(textOf(type ?? ''));
      paths.push('spec.securityContext.seccompProfile.type');
    }
  }
  const bad: string[] = [];
  for (const c of pod.containers) {
    const profile = securityContextOf(c).seccompProfile;
    if (!isSet(profile)) continue;
    const type = asMap(profile).type;
    if (validType(type)) continue;
    bad.push(c.name);
    values.push(textOf(type ?? ''));
    paths.push(`${c.path}.securityContext.seccompProfile.type`);
  }
  if (bad.length) setters.push(containersPhrase(bad));
  return { setters, values, paths, podValid };
}

function badSettersResult(found: ReturnType<typeof explicitlyBad>): ControlResult {
  return {
    reason: 'seccompProfile',
    detail: `${found.setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(found.values))}`,
    paths: found.paths,
  };
}

export const seccompProfileBaseline: PodSecurityControl = {
  id: 'seccompProfile_baseline',
  title: 'Seccomp',
  level: 'baseline',
  fix: 'set seccompProfile: { type: RuntimeDefault } instead of Unconfined',
  rules: [
    { since: 0, check: baselineAnnotations },
    {
      since: 19,
      check(pod) {
        const found = explicitlyBad(pod);
        return found.setters.length ? badSettersResult(found) : undefined;
      },
    },
  ],
};

function seccompRestricted(windowsExempt: boolean) {
  return (pod: PodView): ControlResult | undefined => {
    if (windowsExempt && isWindowsPod(pod.spec)) return undefined;
    const found = explicitlyBad(pod);
    if (found.setters.length) return badSettersResult(found);
    if (found.podValid) return undefined;
    const unset = pod.containers.filter((c) => !isSet(securityContextOf(c).seccompProfile));
    if (!unset.length) return undefined;
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(unset.map((c) => c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      paths: ['spec.securityContext.seccompProfile', ...unset.map((c) => `${c.path}.securityContext.seccompProfile`)],
    };
  };
}

export const seccompProfileRestricted: PodSecurityControl = {
  id: 'seccompProfile_restricted',
  title: 'Seccomp',
  level: 'restricted',
  overrides: ['seccompProfile_baseline'],
  fix: 'add seccompProfile: { type: RuntimeDefault } to the pod securityContext',
  rules: [
    { since: 19, check: seccompRestricted(false) },
    // 1.25: Windows pods are exempt (seccomp is Linux-only).
    { since: 25, check: seccompRestricted(true) },
  ],
};
