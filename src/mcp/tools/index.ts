import { checksTool } from './checks';
import { explainTool } from './explain';
import { graphTool } from './graph';
import { reviewTool } from './review';
import { synthTool } from './synth';
import type { McpTool } from '../tool';

/** The tools of `vibe mcp`, in the order a client lists them (AGENTS.md names them: ../client-config.ts). */
export const MCP_TOOLS: readonly McpTool[] = [reviewTool, explainTool, synthTool, graphTool, checksTool];
