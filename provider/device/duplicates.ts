/**
 * Two Device resources of one deployment that declare the same IMEI would overwrite each other's labels on every
 * update. Every `check` of a deployment runs in this one provider process, so the first declaration is on record;
 * across stacks nothing is.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isKnown } from "../check-core";
import { deviceDeployment } from "./deployment";
import type { DeviceInputs } from "./state";

/** Records the IMEI `inputs` declare; a failure naming both resources when another Device declared it first. */
export function claimImei(inputs: DeviceInputs): pulumi.dynamic.CheckFailure | undefined {
  const name = inputs.__deviceName;
  // An IMEI not known yet (a preview of an output of another resource) is no claim: two such are not duplicates.
  if (name === undefined || !isKnown(inputs.imei)) return undefined;
  const claims = deviceDeployment().claims;
  const other = claims[inputs.imei];
  if (other === undefined || other === name) {
    claims[inputs.imei] = name;
    return undefined;
  }
  return {
    property: "imei",
    reason:
      `IMEI ${inputs.imei} is managed by two Device resources, "${other}" and "${name}"; each would overwrite the ` +
      "other's labels on every update. Keep one of them (add the other's name to its `aliases` if you are renaming it).",
  };
}
