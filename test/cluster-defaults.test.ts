import { clusterConfigSchema } from '../src/contract/cluster-config';
import { defaultClusterConfig } from '../src/contract/cluster-defaults';

describe('the cluster defaults', () => {
  it('are what the schema makes of an empty config, without loading the schema', () => {
    expect(defaultClusterConfig()).toStrictEqual(clusterConfigSchema.parse({}));
  });

  it('give every call its own label maps', () => {
    const first = defaultClusterConfig();
    (first.ingressController.podLabels as Record<string, string>).extra = 'x';
    expect(defaultClusterConfig().ingressController.podLabels).toEqual({ 'app.kubernetes.io/name': 'traefik' });
  });
});
