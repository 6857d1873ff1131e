import { styleText } from 'node:util';
import { PLAIN, type TextStyle } from '../review/report/text';

/** What decides whether output is coloured: the stream it goes to and the environment. */
export interface ColorTarget {
  readonly isTTY?: boolean;
}

/**
 * Colours only on a terminal: never when piped or redirected, never with `NO_COLOR` set to
 * anything but the empty string (no-color.org), never for `TERM=dumb` or with `--no-color`.
 * FORCE_COLOR is not honoured: test runners set it in their workers, and output read by a
 * program must stay plain.
 */
export function colorsEnabled(stream: ColorTarget, env: NodeJS.ProcessEnv = process.env, flag: boolean = true): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The text report's style for a stream: Node's own styleText colours, or none. */
export function textStyleFor(stream: ColorTarget, env: NodeJS.ProcessEnv = process.env, flag: boolean = true): TextStyle {
  if (!colorsEnabled(stream, env, flag)) return PLAIN;
  // The decision is made above; styleText must not make its own (it checks process.stdout).
  const paint = (format: Parameters<typeof styleText>[0]) => (text: string) => styleText(format, text, { validateStream: false });
  return { critical: paint(['bold', 'red']), warning: paint(['bold', 'yellow']), ok: paint('green'), dim: paint('dim') };
}
