import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { CATALOGUE } from '../../src/review/catalogue';
import { ReviewContext } from '../../src/review/context';
import { parsePolicyVersion, podSecurityFindings, podTemplateOf, type PodSecurityLevel } from '../../src/review/pod-security';

/** A pod that meets restricted, with changes. */
function pod(spec: Record<string, any> = {}, metadata: Record<string, any> = {}, container: Record<string, any> = {}): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'shop-app', ...metadata },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, ...container }],
      ...spec,
    },
  };
}

const messages = (object: unknown, version = '1.28', level: PodSecurityLevel = 'restricted'): string[] =>
  podSecurityFindings(object, { version, level }).map((v) => v.message);

describe('policy versions', () => {
  it.each([
    ['1.28', 28],
    ['v1.34', 34],
    ['latest', 37],
    ['1.99', 37],
    ['1.0', 0],
  ])('reads %s as minor %d (newer than every control reads as the newest)', (text, minor) => {
    expect(parsePolicyVersion(text)).toBe(minor);
  });

  it.each(['2.0', '1.028', '1', 'v1.28.3', ''])('fails on %j', (text) => {
    expect(parsePolicyVersion(text)).toBeUndefined();
    expect(() => podSecurityFindings(pod(), { version: text })).toThrow(/is not one; use 1\.N, v1\.N or latest/);
  });

  it('is 1.28 in the cluster config by default, and latest is allowed', () => {
    expect(clusterConfigSchema.parse({}).podSecurityVersion).toBe('1.28');
    expect(clusterConfigSchema.parse({ podSecurityVersion: 'latest' }).podSecurityVersion).toBe('latest');
  });

  it('fails on an unquoted number in the cluster config, saying why, and on versions before 1.25', () => {
    const unquoted = clusterConfigSchema.safeParse({ podSecurityVersion: 1.3 });
    expect(unquoted.success).toBe(false);
    expect(unquoted.error?.issues[0].message).toMatch(/in quotes, such as "1.28" \(YAML reads an unquoted 1.30 as the number 1.3\)/);
    const old = clusterConfigSchema.safeParse({ podSecurityVersion: '1.24' });
    expect(old.error?.issues[0].message).toMatch(/from 1.25 on/);
  });
});

describe('controls, in admission\'s words', () => {
  it('passes a restricted pod', () => {
    expect(messages(pod())).toEqual([]);
  });

  it('names the restricted volume type', () => {
    expect(messages(pod({ volumes: [{ name: 'shared', nfs: { server: 's', path: '/' } }, { name: 'tmp', emptyDir: {} }] }))).toEqual([
      'restricted: restricted volume types (volume "shared" uses restricted volume type "nfs")',
    ]);
  });

  it('judges a baseline control at restricted as restricted, and leaves restricted-only ones out at baseline', () => {
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: { containers: [{ name: 'app', image: 'app:1' }], hostPID: true } };
    expect(messages(bare, '1.28', 'baseline')).toEqual(['baseline: host namespaces (hostPID=true)']);
    expect(messages(bare)).toEqual(expect.arrayContaining(['restricted: host namespaces (hostPID=true)', 'restricted: runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)']));
  });

  it('gives the field path of each offending field', () => {
    const [violation] = podSecurityFindings(pod({ initContainers: [{ name: 'init', image: 'i:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' } }] }));
    expect(violation).toMatchObject({ control: 'procMount', paths: ['spec.initContainers[0].securityContext.procMount'] });
  });

  it('checks probe and lifecycle hosts from 1.34 only', () => {
    const probing = pod({}, {}, { lifecycle: { preStop: { httpGet: { host: 'example.com', port: 80 } } } });
    expect(messages(probing, '1.33')).toEqual([]);
    expect(messages(probing, '1.34')).toEqual(['restricted: probe or lifecycle host (container "app" uses probe or lifecycle host "example.com")']);
  });

  it('allows more sysctls in later versions', () => {
    const keepalive = pod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] } });
    expect(messages(keepalive, '1.28')).toEqual(['restricted: forbidden sysctls (net.ipv4.tcp_keepalive_time)']);
    expect(messages(keepalive, '1.29')).toEqual([]);
  });

  it('allows the container_engine_t SELinux type from 1.31', () => {
    const engine = pod({}, {}, { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seLinuxOptions: { type: 'container_engine_t' } } });
    expect(messages(engine, '1.30')).toEqual(['restricted: seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "container_engine_t")']);
    expect(messages(engine, '1.31')).toEqual([]);
  });

  it('reads the AppArmor annotation and the field', () => {
    expect(messages(pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }))).toEqual([
      // As admission writes it: the annotation quoted inside the quoted list, unescaped.
      'restricted: forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined"")',
    ]);
    expect(messages(pod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'Unconfined' } } }))).toEqual([
      'restricted: forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")',
    ]);
  });

  it('relaxes runAsNonRoot and runAsUser for a user-namespace pod from 1.35, and the /proc mount only at baseline', () => {
    const userNamespaced = pod({ hostUsers: false, securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } }, {}, {
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, procMount: 'Unmasked' },
    });
    expect(podSecurityFindings(userNamespaced, { version: '1.34' }).map((v) => v.control).sort()).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
    expect(podSecurityFindings(userNamespaced, { version: '1.35' }).map((v) => v.control)).toEqual(['procMount_restricted']);
    expect(podSecurityFindings(userNamespaced, { version: '1.35', level: 'baseline' })).toEqual([]);
  });

  it('exempts Windows pods from the Linux-only restricted controls from 1.25, not from hostProcess', () => {
    const windows = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'w' }, spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'app:1' }] } };
    expect(messages(windows, '1.25')).toEqual([]);
    expect(podSecurityFindings(windows, { version: '1.24' }).map((v) => v.control).sort()).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
    windows.spec.securityContext = { runAsNonRoot: true, windowsOptions: { hostProcess: true } } as any;
    expect(messages(windows)).toEqual(['restricted: hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)']);
  });
});

describe('pod-bearing kinds', () => {
  const template = pod().spec;
  const broken = { ...template, hostIPC: true };

  it.each([
    ['Deployment', { spec: { template: { spec: broken } } }, 'spec.template.spec.hostIPC'],
    ['CronJob', { spec: { jobTemplate: { spec: { template: { spec: broken } } } } }, 'spec.jobTemplate.spec.template.spec.hostIPC'],
    ['ReplicationController', { spec: { template: { spec: broken } } }, 'spec.template.spec.hostIPC'],
  ])('judges a %s by its pod template, with paths from the object', (kind, body, path) => {
    const [violation] = podSecurityFindings({ apiVersion: 'v1', kind, metadata: { name: 'x' }, ...body });
    expect(violation).toMatchObject({ control: 'hostNamespaces', paths: [path] });
  });

  it('finds the pod template of a custom kind only when it is clearly a PodTemplateSpec', () => {
    expect(podTemplateOf({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: { template: { spec: broken } } })).toMatchObject({ custom: true, prefix: 'spec.template.' });
    expect(podTemplateOf({ apiVersion: 'example.com/v1', kind: 'Mail', spec: { template: { spec: { containers: [{ subject: 'hi' }] } } } })).toBeUndefined();
    expect(podTemplateOf({ apiVersion: 'example.com/v1', kind: 'Mail', spec: { template: { spec: { containers: [] } } } })).toBeUndefined();
    expect(podTemplateOf({ apiVersion: 'v1', kind: 'ConfigMap', data: { template: 'x' } })).toBeUndefined();
  });
});

describe('in the review gate', () => {
  const review = (yaml: string, podSecurityVersion = '1.28') => {
    const context = new ReviewContext({ manifests: parseManifests(yaml, 'app.yaml'), cluster: clusterConfigSchema.parse({ podSecurityVersion }) });
    return CATALOGUE.filter((c) => c.group === 'S' || c.id === 'A3' || c.id === 'A4').flatMap((c) => c.run(context).filter((r) => r.status === 'fail').map((r) => `[${c.id}] ${r.message}`));
  };
  const deployment = (podSpec: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: RuntimeDefault } }
${podSpec}
      containers:
        - name: app
          image: harbor.internal.example.com/shop-app:a3f91bc
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
`;

  it('reports a refused volume once, with the control, the path and the fix', () => {
    expect(review(deployment('      volumes: [{ name: shared, nfs: { server: nfs.example.com, path: /x } }]'))).toEqual([
      '[S7] Deployment/shop-app is refused by Pod Security (restricted:v1.28): restricted: restricted volume types (volume "shared" uses restricted volume type "nfs")' +
        ' at spec.template.spec.volumes[0].nfs — use a persistentVolumeClaim (backed by a StorageClass) for data, an emptyDir for scratch files;' +
        ' only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret volumes are allowed',
    ]);
  });

  it('leaves a hostPath volume to S3 alone', () => {
    expect(review(deployment('      volumes: [{ name: logs, hostPath: { path: /var/log } }]')).map((m) => m.slice(0, 4))).toEqual(['[S3]']);
  });

  it('exempts a pod in a user namespace from A3 from podSecurityVersion 1.35, not before', () => {
    const userNamespaced = `
apiVersion: v1
kind: Pod
metadata: { name: shop-app, namespace: platform-vibe-shop }
spec:
  automountServiceAccountToken: false
  hostUsers: false
  securityContext: { seccompProfile: { type: RuntimeDefault } }
  containers:
    - name: app
      image: harbor.internal.example.com/shop-app:a3f91bc
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
`;
    expect(review(userNamespaced, '1.34').map((m) => m.slice(0, 4))).toEqual(['[A3]']);
    expect(review(userNamespaced, '1.35')).toEqual([]);
  });
});
