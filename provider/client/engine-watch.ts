/**
 * Stop when the engine is gone. Pulumi runs this provider in a process of its own (`@pulumi/pulumi`'s
 * cmd/dynamic-provider), started by the engine (the `pulumi` CLI) with the engine's address as an argument. When the
 * CLI is killed (a cancelled CI job, a preempted runner: SIGKILL), nothing tells the provider: its gRPC server keeps
 * the process alive and the calls in flight keep going, so writes reach the API that no state will ever record
 * (6 to 7 PATCHes after a SIGKILL mid-update, before this check). Pulumi's Go providers stop through a health check
 * of the engine; this is ours:
 *
 * - **before every request** (so also after every retry wait), the client asks {@link EngineWatch.check}: the engine
 *   is gone when this process's parent changed since it started (the engine was its parent and the orphan was
 *   re-parented), or when the engine's address refuses connections (when a shim process sits between the two).
 *   The parent is looked at every time; requests that ask while a probe of the address is under way take its
 *   answer instead of each opening a connection of their own (a fleet's writes come back from the API in waves of
 *   the client's concurrency, and each wave used to open that many connections to the engine). A settled answer is
 *   never reused: a request sent on an answer 20 ms old, under a loaded CPU, reached the API more than 50 ms after a
 *   kill, where the fault matrix's `kill-engine` case counts arrivals;
 * - **in the background**, every {@link ENGINE_POLL_MS}, the same check; once the engine is gone the process exits,
 *   as an orphaned provider would otherwise live on.
 *
 * The `hapn` provider plugin, which knows its engine's address from its arguments, starts the same watch with
 * {@link watchEngine}; and when the engine cancels (its Cancel call: Ctrl-C, a cancelled CI job), the plugin calls
 * {@link cancelCalls}, after which no request leaves this process: what was sent finishes, nothing new starts.
 *
 * Outside Pulumi (a script or service using `HapnClient`) there is no engine, and only a cancel would stop a call.
 */
import * as net from "node:net";

/** Says why the process the client works for is gone, or undefined while it is there. */
export type EngineCheck = () => Promise<string | undefined>;

/** How often the background check runs, in ms. */
export const ENGINE_POLL_MS = 1_000;
/** How long a connection to the engine's address may take before the engine is taken as alive (busy), in ms. */
export const ENGINE_PROBE_TIMEOUT_MS = 1_000;

/** The `globalThis` key of the process's one watch (module variables are copied by Pulumi's serializer). */
const WATCH_KEY = "__pulumiHapnEngineWatch_v1";

/** What the watch needs to know about the process; injectable for tests. */
export interface EngineWatchOptions {
  /** The parent process id now (`process.ppid`). */
  ppid: () => number;
  /** The engine's gRPC address (`host:port`), when known. */
  engineAddress?: string;
  /** Called once when the engine is found gone by the background check (default: say so and exit). */
  onGone?: (reason: string) => void;
}

/** The dynamic-provider entry point of `@pulumi/pulumi`, as the main script of a process. */
const DYNAMIC_PROVIDER_MAIN = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider([\\/]index(\.js)?)?$/;

/** True when this process is Pulumi's dynamic-provider host (its main script is cmd/dynamic-provider). */
export function isDynamicProviderProcess(argv: readonly string[] = process.argv): boolean {
  return argv[1] !== undefined && DYNAMIC_PROVIDER_MAIN.test(argv[1]);
}

/** The engine address among the provider's arguments: the first one shaped `host:port` (flags skipped). */
export function engineAddressOf(args: readonly string[]): string | undefined {
  return args.find((arg) => !arg.startsWith("-") && /^(\[[0-9a-fA-F:]+\]|[\w.-]+):\d{1,5}$/.test(arg));
}

/** Watches the engine of one process (see module docs). */
export class EngineWatch {
  private readonly startPpid: number;
  private gone: string | undefined;
  /** The probe of the engine's address under way, if any: whether it finds the address refusing connections. */
  private probe: Promise<boolean> | undefined;

  constructor(private readonly options: EngineWatchOptions) {
    this.startPpid = options.ppid();
  }

  /** Why the engine is gone, or undefined while it is there. Once gone, always gone. */
  async check(): Promise<string | undefined> {
    if (this.gone !== undefined) return this.gone;
    const ppid = this.options.ppid();
    if (ppid !== this.startPpid) {
      return (this.gone =
        `the Pulumi engine that started this provider (process ${this.startPpid}) is gone: ` +
        `this process now belongs to process ${ppid}`);
    }
    const address = this.options.engineAddress;
    if (address !== undefined && (await this.refused(address))) {
      return (this.gone = `the Pulumi engine that started this provider no longer answers at ${address}`);
    }
    return undefined;
  }

  /** Whether `address` refuses connections: the answer of the probe under way, else of a new one. */
  private refused(address: string): Promise<boolean> {
    if (this.probe === undefined) {
      const probe = refusesConnections(address);
      this.probe = probe;
      void probe.finally(() => {
        if (this.probe === probe) this.probe = undefined;
      });
    }
    return this.probe;
  }

  /** Runs {@link check} every `everyMs` without keeping the process alive; calls `onGone` once when gone. */
  startPolling(everyMs = ENGINE_POLL_MS): void {
    const timer = setInterval(() => {
      void this.check().then((reason) => {
        if (reason === undefined) return;
        clearInterval(timer);
        (this.options.onGone ?? exitBecauseGone)(reason);
      });
    }, everyMs);
    timer.unref();
  }
}

/** The default `onGone`: one line on stderr, then exit (nobody is left to answer to). */
function exitBecauseGone(reason: string): void {
  process.stderr.write(`pulumi-hapn: ${reason}; stopping without sending anything more.\n`);
  process.exit(1);
}

/** True when a TCP connection to `address` is refused (nothing listens there any more). */
function refusesConnections(address: string): Promise<boolean> {
  const at = address.lastIndexOf(":");
  const host = address.slice(0, at).replace(/^\[|\]$/g, "");
  const port = Number(address.slice(at + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (refused: boolean) => {
      socket.destroy();
      resolve(refused);
    };
    socket.setTimeout(ENGINE_PROBE_TIMEOUT_MS, () => done(false)); // busy, not gone
    socket.once("connect", () => done(false));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED"));
  });
}

/** The process's one watch, if a host started it (see {@link watchEngine}, {@link defaultEngineCheck}). */
function processWatch(): EngineWatch | undefined {
  return (globalThis as unknown as Record<string, EngineWatch | undefined>)[WATCH_KEY];
}

/**
 * Starts the process's one {@link EngineWatch} for the engine at `engineAddress` (polling in the background), for a
 * host that is given the engine's address, as the plugin is. Once is enough; later calls keep the first watch.
 */
export function watchEngine(engineAddress: string | undefined): void {
  if (processWatch()) return;
  const watch = new EngineWatch({ ppid: () => process.ppid, engineAddress });
  watch.startPolling();
  (globalThis as unknown as Record<string, EngineWatch>)[WATCH_KEY] = watch;
}

/** The `globalThis` key of why the engine cancelled this process's calls, once it has. */
const CANCELLED_KEY = "__pulumiHapnCancelled_v1";

/** Why the engine cancelled this process's calls, or undefined. */
function cancelled(): string | undefined {
  return (globalThis as unknown as Record<string, string | undefined>)[CANCELLED_KEY];
}

/** Stops every request of this process from leaving, saying `reason` (the engine's Cancel). */
export function cancelCalls(reason: string): void {
  (globalThis as unknown as Record<string, string>)[CANCELLED_KEY] ??= reason;
}

/** Test-only: forgets a cancel, as if the next call ran in a new process. */
export function forgetCancel(): void {
  delete (globalThis as unknown as Record<string, unknown>)[CANCELLED_KEY];
}

/**
 * The check for this process: a cancel first (see {@link cancelCalls}), then the process's one {@link EngineWatch}:
 * the one a host started, or in Pulumi's dynamic-provider process one created on first use.
 */
export function defaultEngineCheck(): EngineCheck {
  if (!processWatch() && isDynamicProviderProcess()) watchEngine(engineAddressOf(process.argv.slice(2)));
  return async () => cancelled() ?? (await processWatch()?.check());
}
