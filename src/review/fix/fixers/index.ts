import { HEALTH_FIXERS } from './health';
import { IMAGE_FIXERS } from './images';
import { METADATA_FIXERS } from './metadata';
import { NETWORK_FIXERS } from './network';
import { POD_SECURITY_FIXERS } from './pod-security';
import { RESOURCE_FIXERS } from './resources';
import { SECRET_FIXERS } from './secrets';
import { STORAGE_FIXERS } from './storage';
import type { Fixer } from '../fixer';

/** Every fixer by check id (the checks of MECHANICAL_FIXES in the catalogue). */
export const FIXERS: ReadonlyMap<string, Fixer> = new Map(
  [IMAGE_FIXERS, HEALTH_FIXERS, NETWORK_FIXERS, STORAGE_FIXERS, SECRET_FIXERS, RESOURCE_FIXERS, METADATA_FIXERS, POD_SECURITY_FIXERS]
    .flat()
    .map((fixer) => [fixer.id, fixer]),
);
