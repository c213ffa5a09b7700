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

/** One dynamic resource per tracker, with the given provider; its outputs are its three inputs. */
export class BenchTracker extends pulumi.dynamic.Resource {
  declare readonly imei: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly color: pulumi.Output<string>;

  constructor(
    provider: pulumi.dynamic.ResourceProvider,
    type: string,
    name: string,
    args: BenchTrackerArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(provider, name, { ...args }, opts, "bench", type);
  }
}

/** The floor's resource: a {@link BenchTracker} whose provider only echoes. */
export class FloorTracker extends BenchTracker {
  constructor(name: string, args: BenchTrackerArgs, opts?: pulumi.CustomResourceOptions) {
    super(floorProvider, "FloorTracker", name, args, opts);
  }
}
