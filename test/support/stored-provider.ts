import type * as pulumi from "@pulumi/pulumi";
import * as stateV1 from "../../provider/state/v1";

/** Loads serialized provider text as the provider process does, with `pulumi-hapn/state/v1` served from source. */
export function loadStoredProvider(text: string): Required<pulumi.dynamic.ResourceProvider> {
  const module = { exports: {} as { handler: () => unknown } };
  const fromSource = (id: string): unknown => {
    if (id === "pulumi-hapn/state/v1") return stateV1;
    throw new Error(`the stored provider required ${id}`);
  };
  new Function("exports", "require", "module", text)(module.exports, fromSource, module);
  return module.exports.handler() as Required<pulumi.dynamic.ResourceProvider>;
}
