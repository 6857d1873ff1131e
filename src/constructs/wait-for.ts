import { containerSecurityContext, resourcesFor, UIDS } from './hardening';
import type { StatefulComponent } from '../components/stateful-component';
import type { AppModel } from '../contract/app-model';
import { waitForCommand } from '../contract/restricted-container';
import { HELPER_SIZE } from '../contract/sizes';
import type * as k8s from '../imports/k8s';

/**
 * An init container that holds the app back until a dependency accepts TCP connections, so the
 * app never crash-loops through its first minutes. It logs JSON like everything else.
 */
export function waitForContainer(model: AppModel, dependency: StatefulComponent): k8s.Container {
  const { host, port, component } = dependency;
  return {
    name: `wait-for-${component}`,
    image: model.componentImage('waitFor'),
    imagePullPolicy: 'IfNotPresent',
    command: waitForCommand(host, port, `${component} at ${host}:${port}`),
    resources: resourcesFor(HELPER_SIZE),
    securityContext: containerSecurityContext(UIDS.app),
  };
}
