/**
 * The `hapn` provider plugin's entry point: plugin/index.js requires it (the engine starts it through the Node.js
 * language host's run-plugin, or as `pulumi-resource-hapn`). Its argument is the engine's address (flags such as
 * `-v=9` may come first); it prints the server's port as the first line of stdout, which is how the engine finds it.
 */
import { servePlugin } from "./plugin-server";

/** Starts the server for the arguments the engine gave; exits the process if it cannot. */
export function main(args: readonly string[]): Promise<void> {
  const engineAddress = args.find((arg) => !arg.startsWith("-"));
  return servePlugin(engineAddress).then(
    ({ port }) => console.log(String(port)),
    (error: unknown) => {
      console.error(`hapn plugin: could not start its server: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
