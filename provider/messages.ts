/**
 * Messages from the provider process to the person running Pulumi. `pulumi.log` does not work there (the
 * dynamic-provider host sets up no engine connection for it), and what the process prints to stdout or stderr the
 * engine shows as plain, unlabelled output. So a warning is sent to the engine's own Log service, which the host
 * is given as its first argument, and shows as a real `warning:` in the diagnostics; outside that host (tests,
 * scripts) it is printed with a `warning:` prefix instead.
 */
import type * as EngineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import { kindState, oncePerProcess } from "./process-state";

/** The engine's Log severities we use (values of `pulumirpc.LogSeverity`). */
const SEVERITY = { info: 1, warning: 2 } as const;

/** Where the engine listens, when a host of ours was told (the plugin's server is given it as its argument). */
function engineSlot(): { address?: string } {
  return kindState("engine-address", () => ({}) as { address?: string });
}

/** Sends this process's messages to the engine at `address` (the `hapn` plugin's server calls it at start). */
export function useEngine(address: string): void {
  engineSlot().address = address;
}

/** The engine's address when this process is a provider host (the plugin, or Pulumi's dynamic-provider host). */
function engineAddress(): string | undefined {
  if (engineSlot().address) return engineSlot().address;
  const [, script = "", address = ""] = process.argv;
  return /dynamic-provider/.test(script) && /^[\w.[\]:-]+:\d+$/.test(address) ? address : undefined;
}

/** Sends one message to the engine's Log service; resolves false if it could not be delivered. */
function sendToEngine(address: string, severity: number, message: string): Promise<boolean> {
  // Loaded here, not at the top: only the provider host needs them, and a captured gRPC module would not survive
  // closure serialization.
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [require.resolve("@pulumi/pulumi")] }));
  const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof EngineGrpc;
  const enginePb = require("@pulumi/pulumi/proto/engine_pb");
  const conn = kindState("engine", () => ({}) as { client?: EngineGrpc.EngineClient });
  conn.client ??= new engineGrpc.EngineClient(address, grpc.credentials.createInsecure());
  const req = new enginePb.LogRequest();
  req.setSeverity(severity);
  req.setMessage(message);
  req.setUrn("");
  return new Promise((resolve) => {
    conn.client!.log(req, new grpc.Metadata(), { deadline: Date.now() + 5000 }, (error: unknown) => resolve(!error));
  });
}

async function say(severity: keyof typeof SEVERITY, message: string): Promise<void> {
  const address = engineAddress();
  if (address && (await sendToEngine(address, SEVERITY[severity], message).catch(() => false))) return;
  if (severity === "warning") console.warn(`warning: ${message}`);
  else console.log(message);
}

/** A warning the engine shows as one (`warning: …`), for something the user should act on. */
export function warn(message: string): Promise<void> {
  return say("warning", message);
}

/** Information for the user, shown in the diagnostics. */
export function inform(message: string): Promise<void> {
  return say("info", message);
}

/** Says `message` (as a warning or information) the first time `key` comes up in this deployment only. */
export async function adviseOnce(key: string, severity: "warning" | "info", message: string): Promise<void> {
  if (oncePerProcess(key)) await say(severity, message);
}
