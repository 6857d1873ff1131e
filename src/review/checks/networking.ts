import { APP_HTTP_PORT, declares, MGMT_PORT, type NetworkFacts, type RuleRef } from './networking-facts';
import { endpointText, listText, peerText, podLabelText, policyRef, policySelectorText, selectorText, selectorTypo, sourceText } from './networking-words';
import { findServicePort, routeBackends, serviceSelector } from './ports';
import { clientPort, componentsWithRole, ROLES, type WorkloadRole } from '../../components/catalogue';
import { MANIFEST_EXTENSION, MANIFEST_FILES } from '../../contract/files';
import type { ManifestObject } from '../../manifests/manifest-object';
import type { Endpoint, PodEndpoint } from '../../network/endpoints';
import { isNetworkPolicy, type ParsedNetworkPolicy } from '../../network/network-policy';
import { everywhereRules, isDefaultDenyIngress, selectsEveryPod, selectsNoPod, type EverywhereRule } from '../../network/policy-meaning';
import { fail, pass, type Check, type CheckResult } from '../check';
import { WORKLOAD_KINDS } from '../check-scope';
import type { ReviewContext } from '../context';

/**
 * Group C — Networking (CRITICAL), judged by what the NetworkPolicies of the set actually allow
 * (src/network evaluates them by Kubernetes semantics), never by their names: a deny called
 * "foo" counts, an "allow-app-to-db" with a label typo allows nothing.
 */

const DEFAULT_POLICY_FILE = `${MANIFEST_FILES.networkPolicies}${MANIFEST_EXTENSION}`;

/** The catalogue's client ports of a role: `5432 (postgres), 27017 (mongo), 3306 (mysql, mariadb)`. */
function rolePortsText(role: WorkloadRole): string {
  const byPort = new Map<number, string[]>();
  for (const component of componentsWithRole(role)) {
    const { port } = clientPort(component);
    byPort.set(port, [...(byPort.get(port) ?? []), component.name]);
  }
  return [...byPort].map(([port, names]) => `${port} (${names.join(', ')})`).join(', ');
}

/** `problem: hint; hint — fix`, the shape of every C message. */
function sentence(problem: string, hints: readonly string[], fix: string): string {
  return `${problem}${hints.length > 0 ? `: ${hints.join('; ')}` : ''} — ${fix}`;
}

/** The allow that would let `from` in, as the fix says it. */
function allowText(from: Endpoint, to: PodEndpoint, port: number, hints: readonly string[]): string {
  const allow = `add an allow from ${sourceText(from, to.namespace)} to ${podLabelText(to)} port ${port}`;
  return hints.length > 0 ? `fix that, or ${allow}` : allow;
}

// ---------------------------------------------------------------------------------------------
// C1

/** Namespaces whose pods the set runs (else those it declares or has policies in). */
function guardedNamespaces(context: ReviewContext, facts: NetworkFacts): string[] {
  const { model } = facts;
  const withPods = [...new Set(model.pods.map((pod) => pod.namespace))];
  if (withPods.length > 0) return withPods;
  return [...new Set([...context.ofKind('Namespace').map((ns) => ns.name), ...model.policies.map((p) => p.namespace)])];
}

/** Why a policy that looks like a default deny (by name or shape) is not one. */
function whyNotDefaultDeny(facts: NetworkFacts, policy: ParsedNetworkPolicy): string | undefined {
  const { model } = facts;
  const everyPod = selectsEveryPod(model, policy);
  const looksLikeOne = /deny/i.test(policy.name) || (policy.ingress.length === 0 && (policy.isolatesIngress || everyPod));
  if (!looksLikeOne) return undefined;
  const ref = policyRef(policy);
  if (!everyPod) {
    const open = model.podsIn(policy.namespace).filter((pod) => !policy.podSelector.matches(pod.labels));
    const left = open.length > 0 ? `${listText(open.map(endpointText))} ${open.length === 1 ? 'stays' : 'stay'} open` : 'a pod without those labels would be open';
    return `${ref} does not count: it selects only ${policySelectorText(policy)}, so ${left}`;
  }
  if (!policy.isolatesIngress) return `${ref} does not count: its policyTypes has no Ingress, so it leaves incoming traffic alone`;
  if (policy.ingress.length > 0) return `${ref} does not count: it has ingress rules, so it allows as well as denies (keep the deny without rules, allows in their own policies)`;
  return undefined;
}

export const DEFAULT_DENY_INGRESS: Check = {
  id: 'C1',
  slug: 'default-deny-ingress',
  scope: { kinds: [...WORKLOAD_KINDS, 'NetworkPolicy', 'Namespace'] },
  group: 'C',
  title: 'Default-deny-ingress NetworkPolicy present',
  severity: 'CRITICAL',
  verifies:
    'Each namespace the set runs pods in has a NetworkPolicy that selects every pod (present and future), has Ingress in its policyTypes and no ingress rules — whatever it is called. A label-scoped deny, an Egress-only policy or a deny with rules does not count.',
  fix: 'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] and no rules, first in 01-network-policies.yaml, so unknown traffic is dropped.',
  run: (context) => {
    const facts = context.networkFacts;
    const { model } = facts;
    if (model.pods.length === 0 && model.policies.length === 0 && context.ofKind('Namespace').length === 0) return [];
    const namespaces = guardedNamespaces(context, facts);
    const namespaceObjects = new Map<string, ManifestObject>();
    for (const ns of context.ofKind('Namespace')) if (!namespaceObjects.has(ns.name)) namespaceObjects.set(ns.name, ns);
    return namespaces.map((namespace): CheckResult => {
      const policies = model.policiesIn(namespace);
      const deny = policies.find((p) => isDefaultDenyIngress(model, p));
      if (deny) return pass(deny.manifest);
      const where = namespaces.length > 1 ? ` for namespace ${namespace}` : '';
      const object = namespaceObjects.get(namespace) ?? policies[0]?.manifest;
      const location = object ? undefined : { file: model.podsIn(namespace)[0]?.manifest.file ?? DEFAULT_POLICY_FILE };
      if (policies.length === 0) {
        const message = `no NetworkPolicy at all${where}, so every pod accepts connections from anywhere — add a default-deny-ingress (podSelector: {}, policyTypes: [Ingress]) first in ${DEFAULT_POLICY_FILE}, then one allow per flow the app needs`;
        return fail(message, object, location);
      }
      const nearMisses = policies.map((p) => whyNotDefaultDeny(facts, p)).filter((why): why is string => why !== undefined).slice(0, 2);
      const message = sentence(
        `no default-deny-ingress NetworkPolicy${where} in ${policies[0].manifest.file}`,
        nearMisses,
        'add one with podSelector: {} and policyTypes: [Ingress] so unknown traffic is dropped',
      );
      return fail(message, object, location);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// C2

export const INGRESS_CONTROLLER_REACHES_BACKEND: Check = {
  id: 'C2',
  slug: 'ingress-reaches-backend',
  scope: { kinds: ['Ingress'] },
  group: 'C',
  title: 'Ingress controller reaches the Ingress backend',
  severity: 'CRITICAL',
  verifies:
    "For each Ingress backend (Service → the pods it selects → the targetPort, by number or name), the cluster's ingress controller may connect; when nginx is the backend, nginx may connect to the app on 8081.",
  fix: "Allow the ingress controller's namespace and pods to the backend pods on the backend port, and nginx to the app on 8081.",
  run: (context) => {
    const facts = context.networkFacts;
    const { model, actors } = facts;
    const controller = actors.ingressController;
    const results: CheckResult[] = [];
    const frontsSeen = new Set<PodEndpoint>();
    for (const ingress of context.ofKind('Ingress')) {
      const namespace = facts.namespaceOf(ingress);
      const problems: CheckResult[] = [];
      const fronts: PodEndpoint[] = [];
      const seen = new Set<string>();
      let checked = false;
      for (const backend of routeBackends(ingress)) {
        const key = `${backend.service}\u0000${backend.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const service = facts.serviceNamed(backend.service, namespace);
        const servicePort = service && findServicePort(service, backend.port);
        const selector = service && serviceSelector(service);
        // A missing Service, port or selector is H4's and N1's to report: there is no flow to judge.
        if (!service || !servicePort || !selector) continue;
        const pods = model.podsIn(namespace).filter((pod) => Object.entries(selector).every(([k, v]) => pod.labels[k] === v));
        for (const pod of pods) {
          const { targetPort, protocol } = servicePort;
          const port = typeof targetPort === 'number' ? targetPort : pod.ports.find((p) => p.name === targetPort && p.protocol === protocol)?.port;
          if (port === undefined) continue;
          checked = true;
          if (facts.roleOf(pod) === 'nginx' && !fronts.includes(pod)) fronts.push(pod);
          if (model.allows(controller, pod, port, protocol)) continue;
          const hints = facts.whyBlocked(controller, pod, port, protocol);
          const landing = port === servicePort.port ? '' : ` (${endpointText(pod)} port ${port})`;
          problems.push(fail(sentence(`${facts.controllerName} cannot reach Service ${service.name} port ${servicePort.port}${landing}`, hints, allowText(controller, pod, port, hints)), ingress));
        }
      }
      for (const nginx of fronts) {
        if (frontsSeen.has(nginx)) continue;
        frontsSeen.add(nginx);
        const apps = facts.theApp(namespace).filter((app) => declares(app, APP_HTTP_PORT));
        if (apps.length === 0) continue;
        checked = true;
        if (apps.some((app) => model.allows(nginx, app, APP_HTTP_PORT))) continue;
        const app = apps[0];
        const hints = facts.whyBlocked(nginx, app, APP_HTTP_PORT);
        const problem = `${endpointText(nginx)} cannot reach the app (${endpointText(app)}) on port ${APP_HTTP_PORT}, so every request through the Ingress fails`;
        problems.push(fail(sentence(problem, hints, allowText(nginx, app, APP_HTTP_PORT, hints)), app.manifest));
      }
      if (checked) results.push(...(problems.length > 0 ? problems : [pass(ingress)]));
    }
    return results;
  },
};

// ---------------------------------------------------------------------------------------------
// C3

export const SCRAPER_REACHES_METRICS: Check = {
  id: 'C3',
  slug: 'scraper-reaches-metrics',
  scope: { kinds: WORKLOAD_KINDS },
  group: 'C',
  title: 'Observability reaches every scraped port',
  severity: 'CRITICAL',
  verifies: 'Every pod template with prometheus.io/scrape: "true" can be reached from the observability namespace on its prometheus.io/port.',
  fix: 'Allow the observability namespace to each scraped pod on the port in its prometheus.io/port annotation.',
  run: (context) => {
    const facts = context.networkFacts;
    const { model, actors } = facts;
    const scraper = actors.observability;
    const results: CheckResult[] = [];
    for (const pod of model.pods) {
      const { scraped, port } = facts.scrapeOf(pod);
      // Without a port annotation there is no port to judge; G1 reports the annotation.
      if (!scraped || port === undefined) continue;
      if (model.allows(scraper, pod, port)) {
        results.push(pass(pod.manifest));
        continue;
      }
      const hints = facts.whyBlocked(scraper, pod, port);
      const problem = `${facts.scraperName} cannot scrape ${endpointText(pod)} on port ${port} (its prometheus.io/port), so its metrics and dashboard stay empty`;
      results.push(fail(sentence(problem, hints, allowText(scraper, pod, port, hints)), pod.manifest));
    }
    return results;
  },
};

// ---------------------------------------------------------------------------------------------
// C4–C6

function appReaches(id: string, role: WorkloadRole, title: string): Check {
  const what = ROLES[role].words;
  const contractPort = rolePortsText(role);
  return {
    id,
    slug: `app-reaches-${role}`,
    scope: { roles: [role] },
    group: 'C',
    title,
    severity: 'CRITICAL',
    verifies: `When the set runs ${what}, the app (app-role pods serving 8081, else every app-role pod) may connect to it on its port (${contractPort}, or the port it declares); at least one app pod must get through.`,
    fix: `Allow the app's pods to ${what} pods on ${contractPort}.`,
    run: (context) => {
      const facts = context.networkFacts;
      const { model } = facts;
      const results: CheckResult[] = [];
      for (const component of facts.podsWithRole([role])) {
        const apps = facts.theApp(component.namespace);
        if (apps.length === 0) continue;
        const { port, protocol } = facts.componentPort(component);
        if (apps.some((app) => model.allows(app, component, port, protocol))) {
          results.push(pass(component.manifest));
          continue;
        }
        const hints = facts.whyBlocked(apps[0], component, port, protocol);
        const problem = `the app (${listText(apps.map(endpointText))}) cannot connect to ${facts.wordsFor(component)} ${endpointText(component)} on port ${port}`;
        results.push(fail(sentence(problem, hints, allowText(apps[0], component, port, hints)), component.manifest));
      }
      return results;
    },
  };
}

export const APP_REACHES_DATABASE = appReaches('C4', 'database', 'App reaches the database port');
export const APP_REACHES_REDIS = appReaches('C5', 'redis', 'App reaches redis on 6379');
export const APP_REACHES_RABBITMQ = appReaches('C6', 'rabbitmq', 'App reaches rabbitmq on 5672');

// ---------------------------------------------------------------------------------------------
// C7

/** A port a pod may be reached on; 0 stands for "a port no rule names", admitted only by rules without ports. */
interface Candidate {
  readonly port: number;
  readonly protocol: string;
}

function candidatePorts(facts: NetworkFacts, pod: PodEndpoint): Candidate[] {
  const candidates = new Map<string, Candidate>();
  const add = (port: number, protocol: string) => candidates.set(`${port}/${protocol}`, { port, protocol });
  for (const p of pod.ports) add(p.port, p.protocol);
  for (const policy of facts.model.policiesSelecting(pod)) {
    if (!policy.isolatesIngress) continue;
    for (const rule of policy.ingress) for (const p of rule.ports) if (typeof p.port === 'number') add(p.port, p.protocol);
  }
  if (facts.isStateful(pod)) add(facts.componentPort(pod).port, 'TCP');
  add(0, 'TCP');
  return [...candidates.values()];
}

interface Exposure {
  readonly source: Endpoint;
  readonly ports: Set<number>;
  readonly rules: RuleRef[];
}

/** Who reaches the pod that must not, on which ports, through which rules. */
function exposuresOf(facts: NetworkFacts, pod: PodEndpoint): Exposure[] {
  const { model, actors } = facts;
  const exposures = new Map<Endpoint, Exposure>();
  const scrapePort = facts.scrapeOf(pod).port;
  const probe = (source: Endpoint, candidates: readonly Candidate[]) => {
    for (const { port, protocol } of candidates) {
      if (source === actors.observability && port === scrapePort) continue;
      if (!model.allows(source, pod, port, protocol)) continue;
      const exposure = exposures.get(source) ?? { source, ports: new Set<number>(), rules: [] };
      exposure.ports.add(port);
      exposure.rules.push(...facts.admittingRules(source, pod, port, protocol));
      exposures.set(source, exposure);
    }
  };
  const candidates = candidatePorts(facts, pod);
  probe(actors.otherNamespace, candidates);
  probe(actors.internet, candidates);
  if (facts.isStateful(pod)) {
    probe(actors.ingressController, candidates);
    probe(actors.observability, candidates);
    for (const other of model.podsIn(pod.namespace)) {
      if (other !== pod && !['app', 'exporter'].includes(facts.roleOf(other))) probe(other, candidates);
    }
  } else if (declares(pod, MGMT_PORT)) {
    const mgmt = [{ port: MGMT_PORT, protocol: 'TCP' }];
    probe(actors.ingressController, mgmt);
    probe(actors.observability, mgmt);
  }
  return [...exposures.values()];
}

function portsText(ports: ReadonlySet<number>): string {
  if (ports.has(0)) return 'every port';
  const sorted = [...ports].sort((a, b) => a - b).map(String);
  return `${sorted.length === 1 ? 'port' : 'ports'} ${listText(sorted)}`;
}

/** The ingress rules that let anyone in, by policy (reported once, on the policy). */
function everywhereByPolicy(facts: NetworkFacts): Map<ParsedNetworkPolicy, EverywhereRule[]> {
  const found = new Map<ParsedNetworkPolicy, EverywhereRule[]>();
  for (const policy of facts.model.policies) {
    const rules = everywhereRules(policy).filter((r) => r.direction === 'ingress');
    if (rules.length > 0) found.set(policy, rules);
  }
  return found;
}

function everywhereMessage(facts: NetworkFacts, policy: ParsedNetworkPolicy, rules: readonly EverywhereRule[]): string {
  const raw = policy.manifest.object.spec?.ingress;
  const where = rules.map((r) => {
    const path = `spec.ingress[${r.rule}]${r.peer === undefined ? '' : `.from[${r.peer}]`}`;
    const written = r.peer === undefined ? 'no from' : peerText(raw?.[r.rule]?.from?.[r.peer]);
    return `${path} (${written}): ${r.reason}`;
  });
  const selected = facts.model.selectedPods(policy);
  const targets = selected.length > 0 ? listText(selected.map(endpointText)) : policySelectorText(policy);
  const stateful = selected.find((pod) => facts.isStateful(pod));
  const app = stateful && facts.theApp(stateful.namespace)[0];
  const example = app ? ` (here: from pods ${podLabelText(app)})` : '';
  return sentence(
    `${policyRef(policy)} lets anyone in to ${targets}`,
    where,
    `name only the pods and namespaces that need it${example}; never an empty from, namespaceSelector: {} or 0.0.0.0/0`,
  );
}

function exposureFix(facts: NetworkFacts, pod: PodEndpoint, exposures: readonly Exposure[]): string {
  if (facts.isStateful(pod)) {
    const app = facts.theApp(pod.namespace)[0];
    const from = app ? `pods ${podLabelText(app)}` : "the app's pods";
    return `only the app and its exporter may connect to ${facts.wordsFor(pod) ?? 'it'}: allow from ${from} on port ${facts.componentPort(pod).port} and nothing else`;
  }
  if (exposures.every((e) => e.ports.size === 1 && e.ports.has(MGMT_PORT))) {
    const traffic = [...new Set(pod.ports.filter((p) => p.port !== MGMT_PORT && p.protocol === 'TCP').map((p) => p.port))];
    const ports = traffic.length > 0 ? ` (ports: [${traffic.join(', ')}])` : '';
    return `port ${MGMT_PORT} answers health checks only: list only the traffic port in the allow${ports}`;
  }
  return 'allow only the ingress controller, the metrics scraper and the pods of this app that need it, never another namespace or the internet';
}

export const NOTHING_ELSE_ALLOWED: Check = {
  id: 'C7',
  slug: 'nothing-else-allowed-in',
  scope: { kinds: [...WORKLOAD_KINDS, 'NetworkPolicy'] },
  group: 'C',
  title: 'Nothing else is allowed in',
  severity: 'CRITICAL',
  verifies:
    "No pod accepts connections from another app's namespace or from the internet (a pod that no policy isolates accepts everyone); stateful components and port 8082 accept nothing from outside the namespace but the metrics scraper on the pod's scrape port; only the app and exporters reach stateful components; no ingress rule lets in everyone (no from, namespaceSelector: {}, 0.0.0.0/0).",
  fix: 'Add the default-deny-ingress and, for each flow, an allow that names the exact pods, namespace and port; nothing from any namespace or the internet.',
  run: (context) => {
    const facts = context.networkFacts;
    const { model } = facts;
    const everywhere = everywhereByPolicy(facts);
    const isEverywhere = (ref: RuleRef) => everywhere.get(ref.policy)?.some((r) => r.rule === ref.rule) ?? false;
    const results: CheckResult[] = [];
    for (const pod of model.pods) {
      if (!model.isolatedForIngress(pod)) {
        const problem = `${endpointText(pod)} accepts connections from anyone — pods of every namespace and addresses outside the cluster — because no NetworkPolicy selects it for Ingress`;
        results.push(fail(sentence(problem, [], 'add a default-deny-ingress (podSelector: {}, policyTypes: [Ingress]) and allow only the flows it needs'), pod.manifest));
        continue;
      }
      // Exposures that come only through a let-anyone-in rule are reported once, on that policy.
      const exposures = exposuresOf(facts, pod).filter((e) => !e.rules.every(isEverywhere));
      if (exposures.length === 0) {
        results.push(pass(pod.manifest));
        continue;
      }
      const who = exposures.map((e) => `${facts.nameOf(e.source)} on ${portsText(e.ports)}`);
      const through = [...new Set(exposures.flatMap((e) => e.rules.map((r) => policyRef(r.policy))))];
      const role = facts.wordsFor(pod);
      const problem = `${endpointText(pod)}${role ? ` (${role})` : ''} can be reached by ${listText(who)}${through.length > 0 ? ` through ${listText(through)}` : ''}`;
      results.push(fail(sentence(problem, [], exposureFix(facts, pod, exposures)), pod.manifest));
    }
    for (const [policy, rules] of everywhere) results.push(fail(everywhereMessage(facts, policy, rules), policy.manifest));
    return results;
  },
};

// ---------------------------------------------------------------------------------------------
// C8

/** `{app: my-ap}`, as a creator would write it. */
function selectorAsWritten(raw: unknown): string {
  const text = selectorText(raw);
  return text === '' ? '{}' : `{${text.replace(/=/g, ': ')}}`;
}

function refusedPolicies(facts: NetworkFacts): { manifest: ManifestObject; detail: string }[] {
  const parsed = new Set(facts.model.policies.map((p) => p.manifest));
  return facts.model.problems
    .filter((problem) => isNetworkPolicy(problem.manifest) && !parsed.has(problem.manifest))
    .map((problem) => ({ manifest: problem.manifest, detail: problem.message.replace(/^.*?allows nothing: /, '') }));
}

export const POLICY_SELECTS_PODS: Check = {
  id: 'C8',
  slug: 'policy-selects-pods',
  scope: { kinds: ['NetworkPolicy'] },
  group: 'C',
  title: 'Every NetworkPolicy selects a pod',
  severity: 'CRITICAL',
  verifies:
    'Every NetworkPolicy selects at least one pod of the set in its namespace (a policy that selects nothing protects and allows nothing, usually a label typo); a policy Kubernetes would refuse selects nothing either. Not applicable to a set without workloads.',
  fix: "Make the policy's podSelector match the labels of the pods it is meant for (check for typos and the namespace).",
  run: (context) => {
    const facts = context.networkFacts;
    const { model } = facts;
    if (model.pods.length === 0) return [];
    const results: CheckResult[] = [];
    for (const policy of model.policies) {
      if (!selectsNoPod(model, policy)) {
        results.push(pass(policy.manifest));
        continue;
      }
      const raw = policy.manifest.object.spec?.podSelector;
      const here = model.podsIn(policy.namespace);
      const typo = selectorTypo(raw, here);
      const elsewhere = model.podsMatching(policy.podSelector).filter((pod) => pod.namespace !== policy.namespace);
      const problem = `${policyRef(policy)} selects no pod: its podSelector ${selectorAsWritten(raw)} matches no pod of namespace ${policy.namespace}, so it protects and allows nothing`;
      let fix: string;
      if (typo) fix = `did you mean ${typo}?`;
      else if (elsewhere.length > 0) fix = `the pods it matches (${listText(elsewhere.map(endpointText))}) run in namespace ${elsewhere[0].namespace}: put the policy there`;
      else if (here.length === 0) fix = `no pod of this set runs in namespace ${policy.namespace}: set the policy's namespace to the app's`;
      else fix = `make podSelector match the labels of the pods it is meant for, e.g. {${podLabelText(here[0]).replace(/=/g, ': ')}}`;
      results.push(fail(sentence(problem, [], fix), policy.manifest));
    }
    for (const { manifest, detail } of refusedPolicies(facts)) {
      results.push(fail(sentence(`NetworkPolicy/${manifest.name} would be refused by Kubernetes, so it selects and allows nothing`, [detail], 'fix that field'), manifest));
    }
    return results;
  },
};

/** Group C, in id order. */
export const NETWORK_CHECKS: readonly Check[] = [
  DEFAULT_DENY_INGRESS,
  INGRESS_CONTROLLER_REACHES_BACKEND,
  SCRAPER_REACHES_METRICS,
  APP_REACHES_DATABASE,
  APP_REACHES_REDIS,
  APP_REACHES_RABBITMQ,
  NOTHING_ELSE_ALLOWED,
  POLICY_SELECTS_PODS,
];
