import { Command, Option } from 'commander';

/** `vibe explain <id|slug>`: what a check wants, why, a failing and a passing example, the fix. */
export function explainCommand(): Command {
  return new Command('explain')
    .description('Explain one check of the review gate: what it checks, why it matters, a failing and a passing example, and the fix.')
    .argument('<check>', 'a check id (A1) or name (pinned-image-tag); vibe checks lists them')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (query: string, options: { format: 'text' | 'json' }) => {
      const { explain, explanationText, findCheck } = await import('../../review/explain/explain');
      const explanation = explain(findCheck(query));
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : explanationText(explanation));
    });
}
