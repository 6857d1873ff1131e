import type { Arg, Env, From } from 'dockerfile-ast';
import type { DockerfileInput } from './context';

/** A `FROM` line: the image (ARGs with defaults expanded), its --platform, its stage name. */
export interface DockerfileFrom {
  readonly line: number;
  /** The image as written after expanding `${ARG}` defaults, e.g. `harbor.x/mirror/node:22-slim`. */
  readonly image: string;
  readonly platform?: string;
  readonly stage?: string;
  /** True when the image names an earlier stage (`FROM builder`), not a registry image. */
  readonly isStage: boolean;
}

/** An `ENV` or `ARG` setting, for the credential checks. */
export interface DockerfileSetting {
  readonly instruction: 'ENV' | 'ARG';
  readonly line: number;
  readonly name: string;
  readonly value?: string;
}

/** A Dockerfile parsed with dockerfile-ast (the parser behind the Docker language server). */
export interface ParsedDockerfile {
  readonly file: string;
  readonly froms: readonly DockerfileFrom[];
  readonly settings: readonly DockerfileSetting[];
  /** Every instruction: keyword, its arguments as written, 1-based line. */
  readonly instructions: readonly { readonly keyword: string; readonly args: string; readonly line: number }[];
}

/**
 * Parses a Dockerfile. A review parses each of its Dockerfiles once, when its ReviewContext is
 * made (`context.dockerfiles`); the secret scan and the checks read those.
 */
export function parseDockerfile(input: DockerfileInput): ParsedDockerfile {
  // Loaded on the first Dockerfile: most reviews (every synth gate) have none, and the parser
  // with its language-server types takes ~20 ms to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
  const document = DockerfileParser.parse(input.text);
  const argDefaults = new Map<string, string>();
  const settings: DockerfileSetting[] = [];
  const froms: DockerfileFrom[] = [];
  const stages = new Set<string>();
  for (const instruction of document.getInstructions()) {
    const line = instruction.getRange().start.line + 1;
    const keyword = instruction.getKeyword();
    if (keyword === 'ARG' || keyword === 'ENV') {
      for (const property of (instruction as Arg | Env).getProperties()) {
        const name = property.getName();
        const value = property.getValue() ?? undefined;
        if (keyword === 'ARG' && value !== undefined && froms.length === 0) argDefaults.set(name, value);
        settings.push({ instruction: keyword, line, name, value });
      }
    }
    if (keyword === 'FROM') {
      const from = instruction as From;
      const written = from.getImage() ?? '';
      const image = written.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => argDefaults.get(name) ?? whole);
      const platform = from.getFlags().find((flag) => flag.getName() === 'platform')?.getValue() ?? undefined;
      const stage = from.getBuildStage() ?? undefined;
      froms.push({ line, image, platform, stage, isStage: stages.has(image.toLowerCase()) });
      if (stage) stages.add(stage.toLowerCase());
    }
  }
  return {
    file: input.file,
    froms,
    settings,
    instructions: document.getInstructions().map((i) => ({ keyword: i.getKeyword(), args: i.getArgumentsContent() ?? '', line: i.getRange().start.line + 1 })),
  };
}
