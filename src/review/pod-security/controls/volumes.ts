import { textOf } from '../../text';
import { asList, asMap } from '../../values';
import { joinQuote, pluralize, sortedSet, type PodSecurityControl } from '../control';
import { isSet, type PodView } from '../pod';
import { CHECK_HOST_PATH_VOLUMES_ID } from './host';

/** Restricted: inline volumes only of the kinds that cannot reach the node or outside storage directly. */

/** The volume sources restricted allows (image since the 1.33 binaries, at every policy version). */
export const ALLOWED_VOLUME_TYPES: readonly string[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** The sources admission names when refusing, in its order. */
const RESTRICTED_VOLUME_TYPES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder',
  'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

export interface RestrictedVolumeUse {
  readonly name: string;
  /** `nfs`. */
  readonly type: string;
  readonly path: string;
}

/** Every volume whose source restricted refuses. */
export function restrictedVolumeUses(pod: PodView): RestrictedVolumeUse[] {
  const uses: RestrictedVolumeUse[] = [];
  asList(pod.spec.volumes).forEach((item, index) => {
    const volume = asMap(item);
    if (ALLOWED_VOLUME_TYPES.some((type) => isSet(volume[type]))) return;
    // A volume with no source the API knows is defaulted to an emptyDir before admission sees it.
    const type = RESTRICTED_VOLUME_TYPES.find((t) => isSet(volume[t]));
    if (type) uses.push({ name: textOf(volume.name ?? ''), type, path: `spec.volumes[${index}].${type}` });
  });
  return uses;
}

/** Admission's words for a list of refused volumes. */
export function restrictedVolumesDetail(uses: readonly RestrictedVolumeUse[]): string {
  const types = sortedSet(uses.map((u) => u.type));
  return `${pluralize('volume', 'volumes', uses.length)} ${joinQuote(uses.map((u) => u.name))} ${pluralize('uses', 'use', uses.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`;
}

export const RESTRICTED_VOLUMES_REASON = 'restricted volume types';

export const restrictedVolumes: PodSecurityControl = {
  id: 'restrictedVolumes',
  title: 'Volume Types',
  level: 'restricted',
  overrides: [CHECK_HOST_PATH_VOLUMES_ID],
  fix: `use a persistentVolumeClaim (backed by a StorageClass) for data, an emptyDir for scratch files; only ${ALLOWED_VOLUME_TYPES.join(', ')} volumes are allowed`,
  rules: [
    {
      since: 0,
      check(pod) {
        const uses = restrictedVolumeUses(pod);
        if (!uses.length) return undefined;
        return { reason: RESTRICTED_VOLUMES_REASON, detail: restrictedVolumesDetail(uses), paths: uses.map((u) => u.path) };
      },
    },
  ],
};
