import { textOf } from '../../text';
import { asMap, type ManifestMap } from '../../values';
import { containersPhrase, joinQuote, pluralize, sortedSet, type ControlResult, type PodSecurityControl } from '../control';
import { isSet, podSecurityContext, securityContextOf, type PodView } from '../pod';

/** Baseline: AppArmor and SELinux may only keep or tighten the runtime's confinement. */

const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);
/** The beta annotation, still read by admission besides the `appArmorProfile` field. */
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const allowedAnnotation = (value: string): boolean => value === '' || value === 'runtime/default' || value.startsWith('localhost/');

export const appArmorProfile: PodSecurityControl = {
  id: 'appArmorProfile',
  title: 'AppArmor',
  level: 'baseline',
  fix: 'remove the Unconfined AppArmor profile (annotation or appArmorProfile field); the runtime default applies, or set appArmorProfile: { type: RuntimeDefault }',
  rules: [
    {
      since: 0,
      check(pod) {
        const setters: string[] = [];
        const values: string[] = [];
        const paths: string[] = [];
        const podProfile = podSecurityContext(pod).appArmorProfile;
        if (isSet(podProfile) && !APPARMOR_TYPES.has(textOf(asMap(podProfile).type ?? ''))) {
          setters.push('pod');
          values.push(textOf(asMap(podProfile).type ?? ''));
          paths.push('spec.securityContext.appArmorProfile.type');
        }
        const bad: string[] = [];
        for (const c of pod.containers) {
          const profile = securityContextOf(c).appArmorProfile;
          if (!isSet(profile) || APPARMOR_TYPES.has(textOf(asMap(profile).type ?? ''))) continue;
          bad.push(c.name);
          values.push(textOf(asMap(profile).type ?? ''));
          paths.push(`${c.path}.securityContext.appArmorProfile.type`);
        }
        if (bad.length) setters.push(containersPhrase(bad));
        const allValues = sortedSet(values);
        const annotations: string[] = [];
        for (const [key, value] of Object.entries(asMap(pod.metadata.annotations))) {
          if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || allowedAnnotation(textOf(value))) continue;
          annotations.push(`${key}=${JSON.stringify(textOf(value))}`);
          paths.push(`metadata.annotations[${key}]`);
        }
        if (annotations.length) {
          setters.push(pluralize('annotation', 'annotations', annotations.length));
          allValues.push(...annotations.sort());
        }
        if (!setters.length) return undefined;
        return {
          reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', allValues.length),
          detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(allValues)}`,
          paths,
        };
      },
    },
  ],
};

const SELINUX_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
/** 1.31 allows container_engine_t (a container that runs containers). */
const SELINUX_TYPES_1_31 = [...SELINUX_TYPES_1_0, 'container_engine_t'];

function seLinuxOptions(allowedTypes: ReadonlySet<string>) {
  return (pod: PodView): ControlResult | undefined => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const paths: string[] = [];
    const invalid = (options: ManifestMap, path: string): boolean => {
      let bad = false;
      const type = textOf(options.type ?? '');
      if (!allowedTypes.has(type)) {
        badTypes.push(type);
        paths.push(`${path}.type`);
        bad = true;
      }
      if (textOf(options.user ?? '') !== '') {
        setUser = bad = true;
        paths.push(`${path}.user`);
      }
      if (textOf(options.role ?? '') !== '') {
        setRole = bad = true;
        paths.push(`${path}.role`);
      }
      return bad;
    };
    const setters: string[] = [];
    const podOptions = podSecurityContext(pod).seLinuxOptions;
    if (isSet(podOptions) && invalid(asMap(podOptions), 'spec.securityContext.seLinuxOptions')) setters.push('pod');
    const bad = pod.containers.filter((c) => {
      const options = securityContextOf(c).seLinuxOptions;
      return isSet(options) && invalid(asMap(options), `${c.path}.securityContext.seLinuxOptions`);
    });
    if (bad.length) setters.push(containersPhrase(bad.map((c) => c.name)));
    if (!setters.length) return undefined;
    const types = sortedSet(badTypes);
    const what: string[] = [];
    if (types.length) what.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) what.push('user may not be set');
    if (setRole) what.push('role may not be set');
    return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${what.join('; ')}`, paths };
  };
}

export const seLinuxOptionsControl: PodSecurityControl = {
  id: 'seLinuxOptions',
  title: 'SELinux',
  level: 'baseline',
  fix: 'remove seLinuxOptions (or keep only type: container_t); a custom SELinux user, role or type escapes the container policy',
  rules: [
    { since: 0, check: seLinuxOptions(new Set(SELINUX_TYPES_1_0)) },
    { since: 31, check: seLinuxOptions(new Set(SELINUX_TYPES_1_31)) },
  ],
};
