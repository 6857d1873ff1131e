import { textOf } from '../../text';
import { asList, asMap, type ManifestMap } from '../../values';
import { containersPhrase, joinQuote, sortedSet, type ControlResult, type PodSecurityControl } from '../control';
import { isWindowsPod, securityContextOf, type ContainerView, type PodView } from '../pod';

/** Linux capabilities: baseline limits what may be added; restricted demands dropping ALL. */

/** The capabilities a container runtime grants by default, which baseline lets a container add back. */
const BASELINE_ADDABLE = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

const capabilitiesOf = (c: ContainerView): ManifestMap => asMap(securityContextOf(c).capabilities);
const added = (c: ContainerView): string[] => asList(capabilitiesOf(c).add).map(textOf);

export const capabilitiesBaseline: PodSecurityControl = {
  id: 'capabilities_baseline',
  title: 'Capabilities',
  level: 'baseline',
  fix: 'remove the capability from securityContext.capabilities.add',
  rules: [
    {
      since: 0,
      check(pod) {
        const names: string[] = [];
        const forbidden: string[] = [];
        const paths: string[] = [];
        for (const c of pod.containers) {
          const bad = added(c).filter((cap) => !BASELINE_ADDABLE.has(cap));
          if (!bad.length) continue;
          names.push(c.name);
          forbidden.push(...bad);
          paths.push(`${c.path}.securityContext.capabilities.add`);
        }
        if (!names.length) return undefined;
        return {
          reason: 'non-default capabilities',
          detail: `${containersPhrase(names)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
          paths,
        };
      },
    },
  ],
};

/** Compared as admission compares them: the exact capital words. */
const ALL = 'ALL';
const NET_BIND_SERVICE = 'NET_BIND_SERVICE';

function capabilitiesRestricted(windowsExempt: boolean) {
  return (pod: PodView): ControlResult | undefined => {
    if (windowsExempt && isWindowsPod(pod.spec)) return undefined;
    const missingDrop: string[] = [];
    const adding: string[] = [];
    const forbidden: string[] = [];
    const paths: string[] = [];
    for (const c of pod.containers) {
      if (!asList(capabilitiesOf(c).drop).map(textOf).includes(ALL)) {
        missingDrop.push(c.name);
        paths.push(`${c.path}.securityContext.capabilities.drop`);
      }
      const bad = added(c).filter((cap) => cap !== NET_BIND_SERVICE);
      if (bad.length) {
        adding.push(c.name);
        forbidden.push(...bad);
        paths.push(`${c.path}.securityContext.capabilities.add`);
      }
    }
    const details: string[] = [];
    if (missingDrop.length) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
    if (adding.length) details.push(`${containersPhrase(adding)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
    if (!details.length) return undefined;
    return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
  };
}

export const capabilitiesRestrictedControl: PodSecurityControl = {
  id: 'capabilities_restricted',
  title: 'Capabilities',
  level: 'restricted',
  overrides: ['capabilities_baseline'],
  fix: 'add capabilities: { drop: [ALL] } to the container securityContext and add back nothing but NET_BIND_SERVICE',
  rules: [
    { since: 22, check: capabilitiesRestricted(false) },
    // 1.25: Windows pods are exempt (Linux capabilities do not exist there).
    { since: 25, check: capabilitiesRestricted(true) },
  ],
};
