import type { z } from 'zod';
import type { Root } from './root';

/**
 * One tool of `vibe mcp`: a zod schema for its arguments (the client sees it as JSON Schema, and
 * the server validates with it) and a function of the parsed arguments and the root. What it
 * returns goes to the client as JSON. Nothing a tool returns holds a secret value.
 */
export interface McpTool<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: S;
  /** An example for an argument path (`answers.image.tag`), shown after a problem with it. */
  readonly example?: (path: string) => string | undefined;
  run(args: z.output<S>, root: Root): unknown;
}

/** Keeps the schema's parsed type tied to `run` while the list holds tools of many schemas. */
export function tool<S extends z.ZodType>(definition: McpTool<S>): McpTool {
  return definition as unknown as McpTool;
}
