import { Argument, Command } from 'commander';
import { COMPLETION_SHELLS, type CompletionShell } from '../completion';

const EXAMPLES = `
Install:
  bash:  echo 'source <(vibe completion bash)' >> ~/.bashrc
  zsh:   echo 'source <(vibe completion zsh)' >> ~/.zshrc     # after compinit
  fish:  vibe completion fish > ~/.config/fish/completions/vibe.fish
`;

/** `vibe completion <shell>`: the shell completion script, generated from the command tree. */
export function completionCommand(): Command {
  return new Command('completion')
    .description('Print the shell completion script for bash, zsh or fish (commands, options and their choices).')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText('after', EXAMPLES)
    .action(async (shell: CompletionShell, _options: unknown, command: Command) => {
      // The whole tree: the program above this command.
      const program = command.parent ?? command;
      process.stdout.write((await import('../completion')).completionScript(program, shell));
    });
}
