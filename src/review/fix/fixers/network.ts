import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_EXTENSION, MANIFEST_FILES } from '../../../contract/files';
import type { Endpoint, PodEndpoint } from '../../../network/endpoints';
import { isDefaultDenyIngress } from '../../../network/policy-meaning';
import { APP_HTTP_PORT, declares } from '../../checks/networking-facts';
import { findServicePort, routeBackends, serviceSelector } from '../../checks/ports';
import type { ReviewContext } from '../../context';
import type { Fixer, FixRun } from '../fixer';

/**
 * C1 (a default-deny-ingress) and C2–C6 (the flows the app needs): NetworkPolicies added, never
 * changed or removed. The flows are the platform's intended ones, read from the set as the
 * checks evaluate it: the ingress controller to each Ingress backend, nginx to the app on 8081,
 * the scraper to each scraped port, the app (and each exporter) to each stateful component.
 * Adding the deny adds the allows it would otherwise cut, so the app keeps working.
 */

/** One connection the app needs. */
interface Flow {
  readonly name: string;
  readonly from: Endpoint | PodEndpoint;
  readonly to: PodEndpoint;
  readonly port: number;
  readonly protocol: string;
  /** The check that wants it. */
  readonly check: 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7';
}

const ROLE_CHECK = { database: 'C4', redis: 'C5', rabbitmq: 'C6' } as const;

function intendedFlows(context: ReviewContext): Flow[] {
  const facts = context.networkFacts;
  const { model, actors } = facts;
  const flows: Flow[] = [];
  for (const ingress of context.ofKind('Ingress')) {
    const namespace = facts.namespaceOf(ingress);
    for (const backend of routeBackends(ingress)) {
      const service = facts.serviceNamed(backend.service, namespace);
      const servicePort = service && findServicePort(service, backend.port);
      const selector = service && serviceSelector(service);
      if (!service || !servicePort || !selector) continue;
      for (const pod of model.podsIn(namespace).filter((p) => Object.entries(selector).every(([k, v]) => p.labels[k] === v))) {
        const { targetPort, protocol } = servicePort;
        const port = typeof targetPort === 'number' ? targetPort : pod.ports.find((p) => p.name === targetPort && p.protocol === protocol)?.port;
        if (port === undefined) continue;
        flows.push({ name: 'allow-ingress-controller', from: actors.ingressController, to: pod, port, protocol, check: 'C2' });
        if (facts.roleOf(pod) !== 'nginx') continue;
        for (const app of facts.theApp(namespace).filter((a) => declares(a, APP_HTTP_PORT))) {
          flows.push({ name: `allow-${pod.name}-to-app`, from: pod, to: app, port: APP_HTTP_PORT, protocol: 'TCP', check: 'C2' });
        }
      }
    }
  }
  for (const pod of model.pods) {
    const { scraped, port } = facts.scrapeOf(pod);
    if (scraped && port !== undefined) flows.push({ name: `allow-metrics-scrape-${pod.name}`, from: actors.observability, to: pod, port, protocol: 'TCP', check: 'C3' });
  }
  for (const role of ['database', 'redis', 'rabbitmq'] as const) {
    for (const component of facts.podsWithRole([role])) {
      const { port, protocol } = facts.componentPort(component);
      for (const app of facts.theApp(component.namespace)) {
        flows.push({ name: `allow-${app.name}-to-${component.name}`, from: app, to: component, port, protocol, check: ROLE_CHECK[role] });
      }
      for (const exporter of facts.podsWithRole(['exporter'], component.namespace)) {
        if (!exporterReads(exporter, component)) continue;
        flows.push({ name: `allow-${exporter.name}-to-${component.name}`, from: exporter, to: component, port, protocol, check: 'C7' });
      }
    }
  }
  return flows;
}

/** An exporter reads the component its name starts with (`shop-postgres-exporter` → `shop-postgres`). */
function exporterReads(exporter: PodEndpoint, component: PodEndpoint): boolean {
  return exporter.name.startsWith(`${component.name}-`);
}

/** How a policy names a workload's pods: its `app` label, else every label of its pod template. */
function selectorOf(pod: PodEndpoint): Record<string, string> {
  return pod.labels.app !== undefined ? { app: pod.labels.app } : { ...pod.labels };
}

function peerOf(run: FixRun, from: Endpoint | PodEndpoint): Record<string, unknown> {
  const cluster = run.context.cluster;
  const { actors } = run.context.networkFacts;
  if (from.type === 'pod') return { podSelector: { matchLabels: selectorOf(from) } };
  if (from.id === actors.ingressController.id) {
    return {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': cluster.ingressController.namespace } },
      podSelector: { matchLabels: { ...cluster.ingressController.podLabels } },
    };
  }
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': cluster.observabilityNamespace } } };
}

/** The file a namespace's policies go to: where its policies are, else 01-network-policies.yaml beside its workloads. */
function policyFile(run: FixRun, namespace: string, near: PodEndpoint | undefined): string | undefined {
  const existing = run.context.networkFacts.model.policiesIn(namespace)[0];
  if (existing) return existing.manifest.file;
  const folder = path.dirname(near?.manifest.file ?? run.workspace.paths()[0] ?? '.');
  const file = path.join(folder, `${MANIFEST_FILES.networkPolicies}${MANIFEST_EXTENSION}`);
  // A file of that name the review was not given is the creator's: never overwritten.
  if (!run.workspace.has(file) && fs.existsSync(file)) return undefined;
  return file;
}

function namespaceField(pod: PodEndpoint | undefined): Record<string, string> {
  return pod?.manifest.namespace ? { namespace: pod.manifest.namespace } : {};
}

/** Policy names already in each namespace, plus those added this round. */
class PolicyWriter {
  private readonly names = new Set<string>();

  constructor(private readonly run: FixRun) {
    for (const policy of run.context.networkFacts.model.policies) this.names.add(`${policy.namespace}/${policy.manifest.name}`);
  }

  add(namespace: string, near: PodEndpoint | undefined, name: string, spec: Record<string, unknown>, where: 'first' | 'last', check: string, what: string): boolean {
    let unique = name.slice(0, 63).replace(/-+$/, '');
    for (let n = 2; this.names.has(`${namespace}/${unique}`); n++) unique = `${name.slice(0, 60)}-${n}`;
    const file = policyFile(this.run, namespace, near);
    if (!file) {
      this.run.cannot(undefined, `${MANIFEST_FILES.networkPolicies}${MANIFEST_EXTENSION} exists but was not reviewed — review it with the rest, or add ${what} by hand`);
      return false;
    }
    this.names.add(`${namespace}/${unique}`);
    const object = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: unique, ...namespaceField(near) }, spec };
    this.run.workspace.addObject(file, object, where);
    this.run.fixed(file, `added NetworkPolicy ${unique}: ${what}`);
    void check;
    return true;
  }

  allow(flow: Flow): boolean {
    const spec = {
      podSelector: { matchLabels: selectorOf(flow.to) },
      policyTypes: ['Ingress'],
      ingress: [{ from: [peerOf(this.run, flow.from)], ports: [{ port: flow.port, protocol: flow.protocol }] }],
    };
    const who = flow.from.type === 'pod' ? flow.from.name : this.run.context.networkFacts.nameOf(flow.from);
    return this.add(flow.to.namespace, flow.to, flow.name, spec, 'last', flow.check, `${who} → ${flow.to.name} port ${flow.port}`);
  }
}

/** The flows the policies of the set do not let through (or that a deny would cut: not admitted by a rule). */
function missingFlows(run: FixRun, flows: readonly Flow[], afterDeny: boolean): Flow[] {
  const facts = run.context.networkFacts;
  const { model } = facts;
  const seen = new Set<string>();
  return flows.filter((flow) => {
    const key = `${flow.from.id}\u0000${flow.to.id}\u0000${flow.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (afterDeny && !model.isolatedForIngress(flow.to)) return facts.admittingRules(flow.from, flow.to, flow.port, flow.protocol).length === 0;
    return !model.allows(flow.from, flow.to, flow.port, flow.protocol);
  });
}

const C1: Fixer = {
  id: 'C1',
  fix(run) {
    const facts = run.context.networkFacts;
    const { model } = facts;
    const writer = new PolicyWriter(run);
    const flows = intendedFlows(run.context);
    const namespaces = [...new Set(model.pods.map((pod) => pod.namespace))];
    for (const namespace of namespaces) {
      if (model.policiesIn(namespace).some((policy) => isDefaultDenyIngress(model, policy))) continue;
      const pods = model.podsIn(namespace);
      // First the allows the deny would otherwise cut, so every intended flow keeps working.
      for (const flow of missingFlows(run, flows.filter((f) => f.to.namespace === namespace), true)) writer.allow(flow);
      writer.add(namespace, pods[0], 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }, 'first', 'C1', 'every pod refuses connections no policy allows');
    }
  },
};

function flowFixer(id: Flow['check']): Fixer {
  return {
    id,
    fix(run) {
      const writer = new PolicyWriter(run);
      const flows = intendedFlows(run.context).filter((flow) => flow.check === id);
      for (const flow of missingFlows(run, flows, false)) {
        if (flow.from.type === 'pod' && run.context.networkFacts.model.isolatedForEgress(flow.from)) {
          run.cannot(flow.from.manifest, `its egress policies keep it from ${flow.to.name} port ${flow.port}: add an egress allow by hand`);
          continue;
        }
        writer.allow(flow);
      }
    },
  };
}

export const NETWORK_FIXERS: readonly Fixer[] = [C1, flowFixer('C2'), flowFixer('C3'), flowFixer('C4'), flowFixer('C5'), flowFixer('C6')];
