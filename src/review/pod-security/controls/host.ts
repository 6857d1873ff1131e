import { textOf } from '../../text';
import { asList, asMap } from '../../values';
import { containersPhrase, joinQuote, pluralize, sortedSet, type ControlResult, type PodSecurityControl } from '../control';
import { podSecurityContext, securityContextOf, type PodView } from '../pod';

/** Baseline controls on what the pod may take from its node: namespaces, privileges, files, ports. */

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces: PodSecurityControl = {
  id: 'hostNamespaces',
  title: 'Host Namespaces',
  level: 'baseline',
  fix: 'remove hostNetwork, hostPID and hostIPC from the pod spec',
  rules: [
    {
      since: 0,
      check(pod) {
        const shared = HOST_NAMESPACE_FIELDS.filter((field) => pod.spec[field] === true);
        if (!shared.length) return undefined;
        return { reason: 'host namespaces', detail: shared.map((f) => `${f}=true`).join(', '), paths: shared.map((f) => `spec.${f}`) };
      },
    },
  ],
};

export const privileged: PodSecurityControl = {
  id: 'privileged',
  title: 'Privileged Containers',
  level: 'baseline',
  fix: 'remove privileged: true from the container securityContext',
  rules: [
    {
      since: 0,
      check(pod) {
        const bad = pod.containers.filter((c) => securityContextOf(c).privileged === true);
        if (!bad.length) return undefined;
        return {
          reason: 'privileged',
          detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
          paths: bad.map((c) => `${c.path}.securityContext.privileged`),
        };
      },
    },
  ],
};

/** The volumes with a hostPath source, with their paths. */
export function hostPathVolumesOf(pod: PodView): { name: string; path: string }[] {
  const found: { name: string; path: string }[] = [];
  asList(pod.spec.volumes).forEach((item, index) => {
    const volume = asMap(item);
    if (volume.hostPath !== undefined && volume.hostPath !== null) found.push({ name: textOf(volume.name ?? ''), path: `spec.volumes[${index}].hostPath` });
  });
  return found;
}

export const CHECK_HOST_PATH_VOLUMES_ID = 'hostPathVolumes';

export const hostPathVolumes: PodSecurityControl = {
  id: CHECK_HOST_PATH_VOLUMES_ID,
  title: 'HostPath Volumes',
  level: 'baseline',
  fix: 'use an emptyDir for scratch files or a persistentVolumeClaim for data instead of the hostPath volume',
  rules: [
    {
      since: 0,
      check(pod) {
        const bad = hostPathVolumesOf(pod);
        if (!bad.length) return undefined;
        return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map((v) => v.name))}`, paths: bad.map((v) => v.path) };
      },
    },
  ],
};

export const hostPorts: PodSecurityControl = {
  id: 'hostPorts',
  title: 'Host Ports',
  level: 'baseline',
  fix: 'remove hostPort from the container ports; a Service exposes the port inside the cluster',
  rules: [
    {
      since: 0,
      check(pod) {
        const names: string[] = [];
        const ports: string[] = [];
        const paths: string[] = [];
        for (const c of pod.containers) {
          let bad = false;
          asList(c.container.ports).forEach((item, index) => {
            const hostPort = asMap(item).hostPort;
            if (hostPort === undefined || hostPort === null || Number(textOf(hostPort)) === 0) return;
            bad = true;
            ports.push(textOf(hostPort));
            paths.push(`${c.path}.ports[${index}].hostPort`);
          });
          if (bad) names.push(c.name);
        }
        if (!names.length) return undefined;
        const distinct = sortedSet(ports);
        return {
          reason: 'hostPort',
          detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
          paths,
        };
      },
    },
  ],
};

export const windowsHostProcess: PodSecurityControl = {
  id: 'windowsHostProcess',
  title: 'HostProcess',
  level: 'baseline',
  fix: 'remove windowsOptions.hostProcess: true (and the hostNetwork it needs); a HostProcess container has full access to the Windows node',
  rules: [
    {
      since: 0,
      check(pod) {
        const setters: string[] = [];
        const paths: string[] = [];
        if (asMap(podSecurityContext(pod).windowsOptions).hostProcess === true) {
          setters.push('pod');
          paths.push('spec.securityContext.windowsOptions.hostProcess');
        }
        const bad = pod.containers.filter((c) => asMap(securityContextOf(c).windowsOptions).hostProcess === true);
        if (bad.length) setters.push(containersPhrase(bad.map((c) => c.name)));
        paths.push(...bad.map((c) => `${c.path}.securityContext.windowsOptions.hostProcess`));
        if (!setters.length) return undefined;
        return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths };
      },
    },
  ],
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket'] as const;

/** Each non-empty `host` of a handler (a probe or a lifecycle hook), with its path. */
function hostsOf(handler: unknown, path: string): { host: string; path: string }[] {
  const found: { host: string; path: string }[] = [];
  for (const kind of HANDLERS) {
    const host = asMap(asMap(handler)[kind]).host;
    if (host !== undefined && host !== null && textOf(host) !== '') found.push({ host: textOf(host), path: `${path}.${kind}.host` });
  }
  return found;
}

export const hostProbesAndHostLifecycle: PodSecurityControl = {
  id: 'hostProbesAndHostLifecycle',
  title: 'Host Probes / Lifecycle Hooks',
  level: 'baseline',
  fix: 'remove host from the probe or lifecycle hook; the kubelet then calls the pod\'s own address',
  rules: [
    {
      since: 34,
      check(pod): ControlResult | undefined {
        const names: string[] = [];
        const hosts: string[] = [];
        const paths: string[] = [];
        for (const c of pod.containers) {
          const found = [
            ...PROBES.flatMap((probe) => hostsOf(c.container[probe], `${c.path}.${probe}`)),
            ...HOOKS.flatMap((hook) => hostsOf(asMap(c.container.lifecycle)[hook], `${c.path}.lifecycle.${hook}`)),
          ];
          if (!found.length) continue;
          if (!names.includes(c.name)) names.push(c.name);
          hosts.push(...found.map((f) => f.host));
          paths.push(...found.map((f) => f.path));
        }
        if (!names.length) return undefined;
        const distinct = sortedSet(hosts);
        const sortedNames = sortedSet(names);
        return {
          reason: 'probe or lifecycle host',
          detail: `${containersPhrase(sortedNames)} ${pluralize('uses', 'use', sortedNames.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinct.length)} ${joinQuote(distinct)}`,
          paths,
        };
      },
    },
  ],
};
