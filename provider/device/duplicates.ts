/**
 * Two Device resources of one program that declare the same IMEI would overwrite each other's labels on every
 * update. Every Device of a deployment is constructed in the one program process, so the first declaration is on
 * record when the second is made; across stacks nothing is, and each run of a program (the Automation API runs
 * them again in one process) starts afresh. An IMEI that is an Output is claimed once its value is
 * known: at preview, IMEIs not known yet claim nothing, so two of them are never taken for one.
 */
import * as pulumi from "@pulumi/pulumi";
import { kindState } from "../process-state";

/** The claims of one program run: IMEI → name of the Device resource that manages it. */
interface RunClaims {
  /** The run's connection to the engine (or the mocks): a process of the Automation API runs programs again. */
  run: unknown;
  claims: Record<string, string>;
}

/** The claims of the program run now in progress, empty at the start of each run. */
function claims(): Record<string, string> {
  const run = pulumi.runtime.getMonitor();
  const record = kindState<RunClaims>("device-claims", () => ({ run, claims: {} }));
  if (record.run !== run) Object.assign(record, { run, claims: {} });
  return record.claims;
}

/** Records that resource `name` manages `imei`; throws, naming both resources, when another one already does. */
export function claimImei(name: string, imei: string): void {
  const other = claims()[imei];
  if (other === undefined || other === name) {
    claims()[imei] = name;
    return;
  }
  throw new Error(
    `IMEI ${imei} is managed by two Device resources, "${other}" and "${name}"; each would overwrite the ` +
      "other's labels on every update. Keep one of them (add the other's name to its `aliases` if you are renaming it).",
  );
}

/**
 * `imei` as the resource `name` registers it, claimed: at once when it is a string (the constructor throws), else
 * when its value arrives (the resource's registration fails with the message). Only a plain string costs nothing.
 */
export function claimedImei(name: string, imei: pulumi.Input<string>): pulumi.Input<string> {
  if (typeof imei === "string") {
    claimImei(name, imei);
    return imei;
  }
  return pulumi.output(imei).apply((value) => {
    claimImei(name, value);
    return value;
  });
}
