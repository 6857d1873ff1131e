/**
 * What a creator's repository tells its coding assistant about `vibe mcp` (AGENTS.md): the tool
 * names and the MCP configuration entry. Plain data, so `vibe init` does not load the server;
 * a test holds the names to the server's tool list.
 */
export const MCP_TOOL_NAMES = ['review', 'explain', 'synth', 'graph', 'checks'] as const;

export const MCP_RESOURCE_URIS = ['vibe://contract', 'vibe://components'] as const;

/** The `mcpServers` entry that starts the server from the repository's own vibe-env. */
export function mcpClientConfig(): string {
  return JSON.stringify({ mcpServers: { 'vibe-env': { command: 'npx', args: ['vibe-env', 'mcp'] } } }, null, 2);
}
