import { containersPhrase, type ControlResult, type PodSecurityControl } from '../control';
import { inUserNamespace, isSet, isWindowsPod, podSecurityContext, securityContextOf, type PodView } from '../pod';

/** Restricted: who the container runs as, and whether it may gain privileges. */

function runAsNonRoot(relaxForUserNamespace: boolean) {
  return (pod: PodView): ControlResult | undefined => {
    // 1.35: root inside a user namespace is not root on the node.
    if (relaxForUserNamespace && inUserNamespace(pod.spec)) return undefined;
    const setters: string[] = [];
    const paths: string[] = [];
    const podValue = podSecurityContext(pod).runAsNonRoot;
    let podNonRoot = false;
    if (isSet(podValue)) {
      if (podValue === true) {podNonRoot = true;} else {
        setters.push('pod');
        paths.push('spec.securityContext.runAsNonRoot');
      }
    }
    const explicitlyBad: string[] = [];
    const implicitlyBad: string[] = [];
    const implicitPaths: string[] = [];
    for (const c of pod.containers) {
      const value = securityContextOf(c).runAsNonRoot;
      if (isSet(value)) {
        if (value !== true) {
          explicitlyBad.push(c.name);
          paths.push(`${c.path}.securityContext.runAsNonRoot`);
        }
      } else if (!podNonRoot) {
        implicitlyBad.push(c.name);
        implicitPaths.push(`${c.path}.securityContext.runAsNonRoot`);
      }
    }
    if (explicitlyBad.length) setters.push(containersPhrase(explicitlyBad));
    if (setters.length) return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths };
    if (implicitlyBad.length) {
      return {
        reason: 'runAsNonRoot != true',
        detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
        paths: ['spec.securityContext.runAsNonRoot', ...implicitPaths],
      };
    }
    return undefined;
  };
}

export const runAsNonRootControl: PodSecurityControl = {
  id: 'runAsNonRoot',
  title: 'Running as Non-root',
  level: 'restricted',
  fix: 'add runAsNonRoot: true to the pod securityContext (and remove any runAsNonRoot: false)',
  rules: [
    { since: 0, check: runAsNonRoot(false) },
    { since: 35, check: runAsNonRoot(true) },
  ],
};

const isZero = (value: unknown): boolean => value === 0 || value === '0';

function runAsUser(relaxForUserNamespace: boolean) {
  return (pod: PodView): ControlResult | undefined => {
    if (relaxForUserNamespace && inUserNamespace(pod.spec)) return undefined;
    const setters: string[] = [];
    const paths: string[] = [];
    if (isZero(podSecurityContext(pod).runAsUser)) {
      setters.push('pod');
      paths.push('spec.securityContext.runAsUser');
    }
    const bad = pod.containers.filter((c) => isZero(securityContextOf(c).runAsUser));
    if (bad.length) setters.push(containersPhrase(bad.map((c) => c.name)));
    paths.push(...bad.map((c) => `${c.path}.securityContext.runAsUser`));
    if (!setters.length) return undefined;
    return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
  };
}

export const runAsUserControl: PodSecurityControl = {
  id: 'runAsUser',
  title: 'Running as Non-root user',
  level: 'restricted',
  fix: 'set runAsUser to a non-zero uid such as 1000, or remove it to use the image\'s user',
  rules: [
    { since: 23, check: runAsUser(false) },
    { since: 35, check: runAsUser(true) },
  ],
};

function allowPrivilegeEscalation(windowsExempt: boolean) {
  return (pod: PodView): ControlResult | undefined => {
    if (windowsExempt && isWindowsPod(pod.spec)) return undefined;
    const bad = pod.containers.filter((c) => securityContextOf(c).allowPrivilegeEscalation !== false);
    if (!bad.length) return undefined;
    return {
      reason: 'allowPrivilegeEscalation != false',
      detail: `${containersPhrase(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
      paths: bad.map((c) => `${c.path}.securityContext.allowPrivilegeEscalation`),
    };
  };
}

export const allowPrivilegeEscalationControl: PodSecurityControl = {
  id: 'allowPrivilegeEscalation',
  title: 'Privilege Escalation',
  level: 'restricted',
  fix: 'add allowPrivilegeEscalation: false to the container securityContext',
  rules: [
    { since: 8, check: allowPrivilegeEscalation(false) },
    // 1.25: Windows pods are exempt.
    { since: 25, check: allowPrivilegeEscalation(true) },
  ],
};
