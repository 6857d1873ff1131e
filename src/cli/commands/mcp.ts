import { Command } from 'commander';

/** `vibe mcp`: the Model Context Protocol server (the SDK loads only here). */
export function mcpCommand(): Command {
  return new Command('mcp')
    .description(
      'Serve the review gate to a coding assistant over the Model Context Protocol (stdio): tools review, fix, explain, synth, graph, checks; ' +
        'resources vibe://contract and vibe://components. Paths stay inside the folder it is started in.',
    )
    .option('--root <folder>', 'the folder the tools may read and write (default: the current folder)')
    .action(async (options: { root?: string }) => {
      await (await import('../../mcp/server')).serveStdio(options.root ?? process.cwd());
    });
}
