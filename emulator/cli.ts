#!/usr/bin/env node
/**
 * The `hapn-emulator` command: parses flags, starts the emulator, prints the banner, and stops cleanly (saving
 * the state file) on SIGINT or SIGTERM. Bad flags exit with status 2.
 */
import { startupBanner } from "./banner";
import { helpText, parseCliArgs, UsageError } from "./options";
import { startEmulator } from "./server";

/** Runs the command with `argv` (without `node` and the script); resolves once the emulator listens. */
export async function main(argv: string[]): Promise<void> {
  let request;
  try {
    request = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`hapn-emulator: ${err.message}\nRun hapn-emulator --help for the flags.\n`);
    process.exitCode = 2;
    return;
  }
  if (request.help) {
    process.stdout.write(helpText() + "\n");
    return;
  }
  const emulator = await startEmulator(request.options);
  const otherAccounts = emulator.accounts
    .slice(1)
    .map((a) => ({ clientId: a.clientId, devices: a.admin.listDevices().length }));
  const banner = startupBanner({
    ...emulator,
    devices: emulator.admin.listDevices().length,
    stateFile: request.options.stateFile,
    otherAccounts,
  });
  process.stdout.write(banner + "\n");
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1); // a second signal forces the exit
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`hapn-emulator: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`hapn-emulator: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
