import { Command, Option } from 'commander';

/** `vibe checks`: the catalogue, as a list or as the markdown of docs/checks.md. */
export function checksCommand(): Command {
  return new Command('checks')
    .description('List every check of the review gate.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown']).default('text'))
    .action(async (options: { format: 'text' | 'markdown' }) => {
      const { CATALOGUE } = await import('../../review/catalogue');
      const { catalogueMarkdown, catalogueText } = await import('../../review/report/catalogue-markdown');
      process.stdout.write(options.format === 'markdown' ? catalogueMarkdown(CATALOGUE) : catalogueText(CATALOGUE));
    });
}
