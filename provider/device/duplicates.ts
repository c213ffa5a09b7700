/**
 * Two resources of one program that manage the same IMEI (two Devices, a Device and a DeviceFleet, or two fleets)
 * would overwrite each other's labels on every update. Every Device of a deployment is constructed in the one program process, so the first declaration is on
 * record when the second is made; across stacks nothing is, and each run of a program (the Automation API runs
 * them again in one process) starts afresh. An IMEI that is an Output is claimed once its value is
 * known: at preview, IMEIs not known yet claim nothing, so two of them are never taken for one.
 */
import * as pulumi from "@pulumi/pulumi";
import { kindState } from "../process-state";

/** A resource that manages trackers: its class and its name in the program. */
export interface Claimant {
  kind: "Device" | "DeviceFleet";
  name: string;
}

/** The claims of one program run: IMEI → the resource that manages it. */
interface RunClaims {
  /** The run's connection to the engine (or the mocks): a process of the Automation API runs programs again. */
  run: unknown;
  claims: Record<string, Claimant>;
}

/** The claims of the program run now in progress, empty at the start of each run. */
function claims(): Record<string, Claimant> {
  const run = pulumi.runtime.getMonitor();
  const record = kindState<RunClaims>("device-claims", () => ({ run, claims: {} }));
  if (record.run !== run) Object.assign(record, { run, claims: {} });
  return record.claims;
}

/** Records that `claimant` manages `imei`; throws, naming both resources, when another one already does. */
export function claimImei(claimant: Claimant, imei: string): void {
  const other = claims()[imei];
  if (other === undefined || (other.kind === claimant.kind && other.name === claimant.name)) {
    claims()[imei] = claimant;
    return;
  }
  const both =
    other.kind === claimant.kind
      ? `two ${other.kind} resources, "${other.name}" and "${claimant.name}"`
      : `two resources, ${other.kind} "${other.name}" and ${claimant.kind} "${claimant.name}"`;
  throw new Error(
    `IMEI ${imei} is managed by ${both}; each would overwrite the other's labels on every update. Keep one of ` +
      "them (add the other's name to its `aliases` if you are renaming it).",
  );
}

/**
 * `imei` as the resource `name` registers it, claimed: at once when it is a string (the constructor throws), else
 * when its value arrives (the resource's registration fails with the message). Only a plain string costs nothing.
 */
export function claimedImei(name: string, imei: pulumi.Input<string>): pulumi.Input<string> {
  if (typeof imei === "string") {
    claimImei({ kind: "Device", name }, imei);
    return imei;
  }
  return pulumi.output(imei).apply((value) => {
    claimImei({ kind: "Device", name }, value);
    return value;
  });
}
