import { Mongo } from './mongo';
import { databaseOptions, rabbitmqOptions, redisOptions } from './options';
import { Postgres } from './postgres';
import { Rabbitmq } from './rabbitmq';
import { Redis } from './redis';
import type { StatefulComponent } from './stateful-component';
import type { AppModel } from '../contract/app-model';

export * from './stateful-component';
export { Postgres } from './postgres';
export { Mongo } from './mongo';
export { Redis } from './redis';
export { Rabbitmq } from './rabbitmq';
export * from './catalogue';

/** The stateful components the answers turn on, in file order (05, 06, 07). */
export function statefulComponents(model: AppModel): StatefulComponent[] {
  const { components } = model.answers;
  const result: StatefulComponent[] = [];
  const postgres = databaseOptions(components, 'postgres');
  if (postgres) result.push(new Postgres(model, postgres));
  const mongo = databaseOptions(components, 'mongo');
  if (mongo) result.push(new Mongo(model, mongo));
  const redis = redisOptions(components);
  if (redis) result.push(new Redis(model, redis));
  const rabbitmq = rabbitmqOptions(components);
  if (rabbitmq) result.push(new Rabbitmq(model, rabbitmq));
  return result;
}
