/**
 * Two Device resources of one program that declare the same IMEI would overwrite each other's labels on every
 * update. Every Device of a deployment is constructed in the one program process, so the first declaration is on
 * record when the second is made; across stacks nothing is. An IMEI that is an Output is claimed once its value is
 * known: at preview, IMEIs not known yet claim nothing, so two of them are never taken for one.
 */
import * as pulumi from "@pulumi/pulumi";
import { kindState } from "../process-state";

/** IMEI → name of the Device resource of this program that manages it. */
function claims(): Record<string, string> {
  return kindState<Record<string, string>>("device-claims", () => ({}));
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
