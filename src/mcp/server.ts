// The SDK publishes its modules through package "exports" wildcards, which tsc and Node resolve
// but eslint's import resolver does not.
/* eslint-disable import/no-unresolved */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
/* eslint-enable import/no-unresolved */
import { z } from 'zod';
import { RESOURCES, resourceJson } from './resources';
import { Root } from './root';
import type { McpTool } from './tool';
import { MCP_TOOLS } from './tools';
import { packageVersion } from '../cli/package-version';
import { problemsFromZod, VibeInputError } from '../contract/errors';
import { describeFsError } from '../io/fs-errors';
import { ReviewGateError } from '../review/gate-error';

const INSTRUCTIONS = [
  'vibe-env checks Kubernetes manifests against a platform contract and writes hardened manifest sets.',
  'Loop: review the manifests, apply the fixes (fix, or edit by hand with explain for what a check wants), review again until no CRITICAL finding is left.',
  'Every path is relative to the folder the server was started in and must stay inside it.',
  'No tool takes or returns a plaintext secret: credentials are sealed by the creator with `vibe seal` on a terminal.',
].join(' ');

/** The MCP server over the given tools and resources, confined to `root`. */
export function createServer(root: Root, tools: readonly McpTool[] = MCP_TOOLS): Server {
  const server = new Server({ name: 'vibe-env', version: packageVersion() }, { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS });
  const byName = new Map(tools.map((t) => [t.name, t]));

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: z.toJSONSchema(t.input, { io: 'input' }) as { type: 'object' },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const found = byName.get(request.params.name);
    if (!found) return failure(`unknown tool "${request.params.name.slice(0, 60)}". Tools: ${tools.map((t) => t.name).join(', ')}.`);
    return callTool(found, request.params.arguments ?? {}, root);
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: RESOURCES.map((r) => ({ uri: r.uri, name: r.name, title: r.title, description: r.description, mimeType: 'application/json' })),
  }));

  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const resource = RESOURCES.find((r) => r.uri === request.params.uri);
    if (!resource) throw new Error(`unknown resource "${request.params.uri.slice(0, 100)}". Resources: ${RESOURCES.map((r) => r.uri).join(', ')}.`);
    return { contents: [{ uri: resource.uri, mimeType: 'application/json', text: resourceJson(resource.read()) }] };
  });
  return server;
}

/** Validates the arguments with the tool's schema, runs it, and turns every failure into plain words. */
export async function callTool(tool: McpTool, args: unknown, root: Root): Promise<CallToolResult> {
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) return failure(new VibeInputError(problemsFromZod(parsed.error, args, { example: tool.example })).message);
  try {
    const result = await tool.run(parsed.data, root);
    return {
      content: [{ type: 'text', text: JSON.stringify(result, null, 2) }],
      ...(isRecord(result) ? { structuredContent: result } : {}),
    };
  } catch (error) {
    if (error instanceof VibeInputError || error instanceof ReviewGateError) return failure(error.message);
    const fsProblem = describeFsError(error);
    if (fsProblem) return failure(`cannot go on: ${fsProblem}.`);
    return failure(`internal error in vibe-env: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}

function failure(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `vibe mcp`: serves on stdin/stdout until the client closes them. Paths are confined to
 * `rootDir`, which becomes the working directory so messages and findings name files as the
 * client does. Nothing but the protocol goes to stdout.
 */
export async function serveStdio(rootDir: string): Promise<void> {
  const root = new Root(rootDir);
  process.chdir(root.dir);
  const server = createServer(root);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  process.stdin.on('end', () => void server.close());
  await server.connect(transport);
  await closed;
}
