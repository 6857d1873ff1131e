import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { STACK_LINE, vibe } from './helpers/cli';
import { tempDir } from './helpers/render';
import { completionScript, COMPLETION_SHELLS } from '../src/cli/completion';
import { buildProgram } from '../src/cli/main';

/** `vibe completion bash|zsh|fish`: scripts generated from commander's command tree. */
const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

describe('vibe completion', () => {
  const bash = vibe(['completion', 'bash']);
  const file = path.join(tempDir('vibe-completion-'), 'vibe.bash');
  fs.writeFileSync(file, bash.stdout);

  /** What bash offers after the words typed (the last one is being completed). */
  function complete(...words: string[]): string[] {
    const script = [
      `source '${file}'`,
      'COMP_WORDS=("$@")',
      'COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
      '_vibe',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const result = spawnSync('bash', ['-c', script, 'bash', ...words], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  }

  it('prints a bash script that bash accepts', () => {
    expect(bash.status).toBe(0);
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
    expect(bash.stdout).toContain('complete -o default -F _vibe vibe vibe-env');
  });

  it('completes commands, subcommands, options and their choices in bash', () => {
    expect(complete('vibe', 'rev')).toEqual(['review']);
    expect(complete('vibe', '')).toEqual(buildProgram().commands.map((c) => c.name()));
    expect(complete('vibe', 'platform', '')).toEqual(['argocd']);
    expect(complete('vibe', 'platform', 'argocd', '--a')).toEqual(['--apps']);
    expect(complete('vibe', 'review', '--form')).toEqual(['--format']);
    expect(complete('vibe', 'review', '--fo').sort()).toEqual(['--follow-symlinks', '--format']);
    expect(complete('vibe', 'review', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('vibe', 'review', 'k8s/', '--fail-on', 'w')).toEqual(['warning']);
    expect(complete('vibe', 'completion', '')).toEqual([...COMPLETION_SHELLS]);
    // A value that is a path: bash's own file name completion (-o default) takes over.
    expect(complete('vibe', 'review', '--cluster-config', '')).toEqual([]);
    // An option's value is not taken for a command.
    expect(complete('vibe', 'review', '--format', 'json', '--q')).toEqual(['--quiet']);
  });

  it('lists every command and every option of the CLI in each script', () => {
    const program = buildProgram();
    const commands = (command: Command): Command[] => [command, ...command.commands.flatMap(commands)];
    for (const shell of COMPLETION_SHELLS) {
      const script = completionScript(program, shell);
      for (const command of commands(program)) {
        if (command !== program) expect(script).toContain(command.name());
        for (const option of command.options) {
          const long = option.long!;
          expect({ shell, command: command.name(), present: script.includes(shell === 'fish' ? `-l ${long.slice(2)}` : long) }).toMatchObject({ present: true });
        }
      }
    }
  });

  it('is generated from the tree: a new command, option and choice appear in all three without editing completion.ts', () => {
    const program = buildProgram();
    program.addCommand(new Command('zap').description('Zap things.').addOption(new Option('--level <level>', 'how hard').choices(['soft', 'hard'])));
    for (const shell of COMPLETION_SHELLS) {
      const script = completionScript(program, shell);
      expect(script).toMatch(/zap/);
      expect(script).toMatch(/--level|-l level/);
      expect(script).toContain('soft hard');
    }
  });

  it.each(['zsh', 'fish'])('prints a %s script', (shell) => {
    const result = vibe(['completion', shell]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('review');
  });

  // Where the shell is not installed, jest reports its check as skipped (after saying why).
  for (const shell of ['zsh', 'fish']) {
    const installed = has(shell);
    if (!installed) process.stderr.write(`test/completion.test.ts: SKIPPED — the ${shell} syntax check: ${shell} is not installed on this machine (.ci/run installs it)\n`);
    (installed ? it : it.skip)(`prints a ${shell} script ${shell} itself accepts`, () => {
      const script = path.join(tempDir('vibe-completion-'), `vibe.${shell}`);
      fs.writeFileSync(script, vibe(['completion', shell]).stdout);
      expect(spawnSync(shell, ['-n', script], { encoding: 'utf8' }).stderr).toBe('');
      if (shell === 'fish') {
        const offered = spawnSync('fish', ['--no-config', '-c', `source '${script}'; complete -C 'vibe review --format '`], { encoding: 'utf8' }).stdout;
        expect(offered.split('\n').filter(Boolean).map((line) => line.split('\t')[0]).sort()).toEqual(['json', 'sarif', 'text']);
      }
    });
  }

  it('fails on an unknown shell with exit 2, naming the shells', () => {
    const result = vibe(['completion', 'tcsh']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish/);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
