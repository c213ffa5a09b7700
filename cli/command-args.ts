/** Flag parsing shared by the commands: a bad flag prints the error and the usage (exit 1), `--help` the usage (0). */
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed flag values, or the exit code when the command is done (help shown, or a bad flag). */
export type CommandArgs<T extends Options> =
  { values: ReturnType<typeof parseArgs<{ args: string[]; options: T }>>["values"] } | { exit: number };

/** Parses `argv` against `options` plus `--help`/`-h`, writing usage and errors as `name: message`. */
export function parseCommandArgs<T extends Options>(
  name: string,
  usage: string,
  argv: string[],
  options: T,
  io: { out: (text: string) => void; err: (text: string) => void },
): CommandArgs<T> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}\n\n${usage}`);
    return { exit: 1 };
  }
  if ((parsed.values as Record<string, unknown>).help) {
    io.out(usage);
    return { exit: 0 };
  }
  return {
    values: parsed.values as CommandArgs<T> extends infer R ? Extract<R, { values: unknown }>["values"] : never,
  };
}
