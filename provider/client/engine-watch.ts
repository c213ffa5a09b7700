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
 *   The parent is looked at every time; the address is probed at most once per {@link ENGINE_PROBE_REUSE_MS}:
 *   requests that ask while a probe is under way, or just after one found the engine there, take its answer.
 *   A fleet's `up` sends 160 writes a second, and a connection to the engine for each one cost 1.7 s of its
 *   10,000 writes (bench/FINDINGS.md); a request sent on a 20 ms old answer still leaves well before the 50 ms
 *   after a kill from which the fault matrix's `kill-engine` case counts arrivals;
 * - **in the background**, every {@link ENGINE_POLL_MS}, the same check; once the engine is gone the process exits,
 *   as an orphaned provider would otherwise live on.
 *
 * Outside Pulumi's dynamic-provider process (a script or service using `HapnClient`) there is no engine and no check.
 */
import * as net from "node:net";

/** Says why the process the client works for is gone, or undefined while it is there. */
export type EngineCheck = () => Promise<string | undefined>;

/** How often the background check runs, in ms. */
export const ENGINE_POLL_MS = 1_000;
/** How long a connection to the engine's address may take before the engine is taken as alive (busy), in ms. */
export const ENGINE_PROBE_TIMEOUT_MS = 1_000;
/** How long, from its start, a probe that found the engine there answers later checks too, in ms. */
export const ENGINE_PROBE_REUSE_MS = 20;

/** The `globalThis` key of the process's one watch (module variables are copied by Pulumi's serializer). */
const WATCH_KEY = "__pulumiHapnEngineWatch_v1";

/** What the watch needs to know about the process; injectable for tests. */
export interface EngineWatchOptions {
  /** The parent process id now (`process.ppid`). */
  ppid: () => number;
  /** The engine's gRPC address (`host:port`), when known. */
  engineAddress?: string;
  /** The clock probes are aged by, in ms (default `performance.now`). */
  now?: () => number;
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
  /** The latest probe of the engine's address: when it started, and whether it found the address refusing. */
  private probe: { startedAt: number; refused: Promise<boolean> } | undefined;

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

  /** Whether `address` refuses connections: the latest probe's answer while it is recent, else a new probe's. */
  private refused(address: string): Promise<boolean> {
    const now = (this.options.now ?? (() => performance.now()))();
    if (this.probe === undefined || now - this.probe.startedAt >= ENGINE_PROBE_REUSE_MS) {
      this.probe = { startedAt: now, refused: refusesConnections(address) };
    }
    return this.probe.refused;
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

/**
 * The check for this process: in Pulumi's dynamic-provider process, the process's one {@link EngineWatch} (created
 * on first use, polling in the background); elsewhere undefined.
 */
export function defaultEngineCheck(): EngineCheck | undefined {
  if (!isDynamicProviderProcess()) return undefined;
  const holder = globalThis as unknown as Record<string, EngineWatch | undefined>;
  let watch = holder[WATCH_KEY];
  if (!watch) {
    watch = new EngineWatch({ ppid: () => process.ppid, engineAddress: engineAddressOf(process.argv.slice(2)) });
    watch.startPolling();
    holder[WATCH_KEY] = watch;
  }
  const shared = watch;
  return () => shared.check();
}
