import { defaultStorage } from './catalogue';
import type { ResolvedAnswers } from '../contract/answers';
import type { Size } from '../contract/sizes';

/** Component options with every default applied (`true` in the answers means "the defaults"). */
export interface DatabaseOptionsResolved {
  readonly storage: string;
  readonly size: Size;
}
export interface RedisOptionsResolved {
  readonly persistence: boolean;
  readonly storage: string;
}
export interface RabbitmqOptionsResolved {
  readonly storage: string;
}

/** The catalogue's volume defaults (postgres and mongo share theirs). */
export const DEFAULT_STORAGE = { database: defaultStorage('postgres'), redis: defaultStorage('redis'), rabbitmq: defaultStorage('rabbitmq') } as const;

type Components = ResolvedAnswers['components'];

function options<T extends object>(value: boolean | Partial<T> | undefined, defaults: T): T | undefined {
  if (!value) return undefined;
  return value === true ? defaults : { ...defaults, ...value };
}

export function databaseOptions(components: Components, kind: 'postgres' | 'mongo'): DatabaseOptionsResolved | undefined {
  return options<DatabaseOptionsResolved>(components[kind], { storage: DEFAULT_STORAGE.database, size: 'md' });
}

export function redisOptions(components: Components): RedisOptionsResolved | undefined {
  return options<RedisOptionsResolved>(components.redis, { persistence: false, storage: DEFAULT_STORAGE.redis });
}

export function rabbitmqOptions(components: Components): RabbitmqOptionsResolved | undefined {
  return options<RabbitmqOptionsResolved>(components.rabbitmq, { storage: DEFAULT_STORAGE.rabbitmq });
}
