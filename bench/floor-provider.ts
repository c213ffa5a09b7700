/**
 * Variant B of the bench, the engine floor: a dynamic resource with the same program shape as a Device (one per
 * tracker, the same arguments) whose provider does nothing but echo its inputs. The bench copies this file into
 * the floor's project folder; it is not part of the package.
 */
import * as pulumi from "@pulumi/pulumi";

/** The arguments every bench program gives each tracker's resource. */
export interface BenchTrackerArgs {
  imei: string;
  name: string;
  color: string;
}

const floorProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: String(inputs.imei), outs: inputs };
  },
};

/** One no-op dynamic resource per tracker; its outputs are its three inputs. */
export class FloorTracker extends pulumi.dynamic.Resource {
  declare readonly imei: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly color: pulumi.Output<string>;

  constructor(name: string, args: BenchTrackerArgs, opts?: pulumi.CustomResourceOptions) {
    super(floorProvider, name, { ...args }, opts, "bench", "FloorTracker");
  }
}
