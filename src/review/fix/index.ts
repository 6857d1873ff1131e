// `vibe review --fix` as a library (the CLI and the MCP server's `fix` tool use it). Re-exports only.
export { applyFixes } from './apply';
export { formatFixDiff, redactSecrets, REDACTED } from './diff';
export { readFixFiles } from './files';
export type { FixedItem, FixSettings, Unfixable } from './fixer';
export { planFixes, selectedChecks, type FixOptions, type FixPlan, type FixPlanFile, type RemainingFinding } from './plan';
export { formatFixReport } from './report';
