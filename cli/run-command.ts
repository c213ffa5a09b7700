/** Runs a command's main function with the process's streams and environment, and sets the exit code it returns. */
export function runCommand(
  main: (
    argv: string[],
    io: { out: (t: string) => void; err: (t: string) => void; env: NodeJS.ProcessEnv },
  ) => Promise<number>,
): void {
  void main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
  }).then((code) => (process.exitCode = code));
}
