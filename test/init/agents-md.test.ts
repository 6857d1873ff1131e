import { AppModel } from '../../src/contract/app-model';
import { FRAMEWORK_METRICS } from '../../src/contract/framework-metrics';
import { RUNTIMES } from '../../src/contract/images';
import { HEALTH_PATHS, METRICS_PATH, PORTS } from '../../src/contract/ports';
import { agentsMd, codeChecks } from '../../src/init/agents-md';
import { contractKit } from '../../src/init/kits';
import { MCP_RESOURCE_URIS, MCP_TOOL_NAMES } from '../../src/mcp/client-config';
import { RESOURCES } from '../../src/mcp/resources';
import { MCP_TOOLS } from '../../src/mcp/tools';
import { REQUIRED_FIELDS } from '../../src/review/checks/observability-logs';
import { vibe } from '../helpers/cli';

const answers = (extra: Record<string, unknown> = {}) =>
  AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, components: { postgres: true, redis: true }, ...extra });

/** The table rows of AGENTS.md: `| id | severity | title | … |`. */
function checkRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => /^\| [A-Z]\d+ \|/.test(l))
    .map((l) => l.split(' | ').map((cell) => cell.replace(/^\| /, '').trim()).slice(0, 3));
}

describe('AGENTS.md, the brief for the coding assistant', () => {
  it('lists the checks on code, image, logs and metrics exactly as `vibe checks` does (id, severity, title)', () => {
    const listed = vibe(['checks']);
    expect(listed.status).toBe(0);
    const fromCli = new Map(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => /^(\S+)\s+\S+\s+(CRITICAL|WARNING)\s+(.+)$/.exec(l)!)
        .map((m) => [m[1], [m[1], m[2], m[3].trim()]]),
    );
    const rows = checkRows(agentsMd(answers(), contractKit(answers())));
    expect(rows.map((r) => r[0])).toEqual(codeChecks().map((c) => c.id));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) expect(row).toEqual(fromCli.get(row[0]));
  });

  it('states the contract from the same constants the kits and checks use: ports, paths, bodies, metrics, log fields, secrets', () => {
    const model = answers({ businessMetrics: [{ name: 'orders_processed_total', type: 'counter', help: 'Orders processed', labels: ['status'] }] });
    const text = agentsMd(model, contractKit(model));
    expect(text).toContain(`port ${PORTS.http} (env \`PORT\`)`);
    expect(text).toContain(`Management endpoints on port ${PORTS.mgmt}`);
    for (const p of Object.values(HEALTH_PATHS)) expect(text).toContain(`\`GET ${p}\``);
    expect(text).toContain('200 `{"status":"UP"}`');
    expect(text).toContain('503 `{"status":"OUT_OF_SERVICE"}`');
    expect(text).toContain(`\`GET ${METRICS_PATH}\` on port ${PORTS.http}`);
    for (const m of Object.values(FRAMEWORK_METRICS)) expect(text).toContain(`\`${m.name}\` (${m.type}`);
    expect(text).toContain('`orders_processed_total` (counter; labels status): Orders processed');
    for (const field of REQUIRED_FIELDS) expect(text).toContain(`\`"${field}"\``);
    expect(text).toContain('postgres at `$DATABASE_HOST:$DATABASE_PORT`, redis at `$REDIS_HOST:$REDIS_PORT`');
    expect(text).toMatch(/Secrets never in code.*`DATABASE_URL`/);
    expect(text).toContain('`contract/index.js` implements all of the above');
    expect(text).toContain('business["orders_processed_total"].inc({"status":"example"});');
    expect(text).toContain('`npm run review`');
  });

  it('with mgmtSidecar, says the sidecar answers the endpoints, and the kit does not listen on the management port', () => {
    const model = answers({ components: { mgmtSidecar: true } });
    const text = agentsMd(model, contractKit(model));
    expect(text).toContain('`mgmtSidecar` is on: a sidecar answers');
    expect(text).not.toContain('503 `{"status":"OUT_OF_SERVICE"}`');
    expect(contractKit(model)!.files.find((f) => f.path === 'contract/index.js')!.text).toContain('const SERVE_MANAGEMENT = false;');
    expect(contractKit(answers())!.files.find((f) => f.path === 'contract/index.js')!.text).toContain('const SERVE_MANAGEMENT = true;');
  });

  it('names a kit for every runtime that has one, and says what to write by hand for one that has none', () => {
    for (const runtime of RUNTIMES) {
      const model = answers({ runtime });
      const kit = contractKit(model);
      const text = agentsMd(model, kit);
      if (kit) expect(text).toContain(`\`${kit.kitFile}\` implements all of the above`);
      else expect(text).not.toContain('## The contract kit');
      expect(text).toContain('## The contract');
    }
  });
});

describe('AGENTS.md on vibe mcp', () => {
  it('names the MCP server, its tools and resources as the server lists them, and a configuration entry that parses', () => {
    const text = agentsMd(answers(), contractKit(answers()));
    expect(text).toContain('## The review gate as tools: vibe mcp');
    expect(text).toContain(`the tools ${MCP_TOOLS.map((t) => `\`${t.name}\``).join(', ')}`);
    expect(MCP_TOOL_NAMES).toEqual(MCP_TOOLS.map((t) => t.name));
    expect(MCP_RESOURCE_URIS).toEqual(RESOURCES.map((r) => r.uri));
    const json = /```json\n([\s\S]+?)\n```/.exec(text)![1];
    expect(JSON.parse(json)).toEqual({ mcpServers: { 'vibe-env': { command: 'npx', args: ['vibe-env', 'mcp'] } } });
  });
});
