/**
 * The `DeviceFleet` resource class, as programs use it: its arguments are the kind's inputs (./state.ts), its
 * outputs the two options, `fleetJson` as stored, and `labels` (the record's `devices`: the SDK keeps that name for
 * the argument), `adopted` and `missing` read from it.
 */
import * as pulumi from "@pulumi/pulumi";
import { claimImei } from "../device/duplicates";
import { HapnDynamicResource, type ResourceSpec } from "../hosts/dynamic-resource";
import { type ArgsOf, isResourceOfType, type OutputsOf } from "../resource-class";
import { dynamicType } from "../stored-provider";
import type { FleetInputs, FleetMap, FleetOutputs, FleetRecord } from "./state";
import { readFleet } from "./stored";

/** The arguments of a {@link DeviceFleet}. */
export type DeviceFleetArgs = ArgsOf<FleetInputs>;

const SPEC: ResourceSpec = {
  storedAs: "deviceFleet",
  typeName: "DeviceFleet",
  outputs: ["deletePolicy", "onMissing", "fleetJson"],
  insteadOfImport: "a DeviceFleet adopts the trackers in `devices` on `up` anyway, without the option.",
};

const FLEET_TYPE = dynamicType(SPEC.typeName);

/** The outputs read from `fleetJson`. */
export interface DeviceFleetLabels {
  /** Each tracker's managed labels as they are in the account (the program's for one missing with onMissing "warn"). */
  labels: FleetMap;
}

// The outputs are declared once, on the record and stored shape they come from, and merged into the class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface DeviceFleet extends OutputsOf<
  Pick<FleetRecord, "adopted" | "missing"> & FleetOutputs & DeviceFleetLabels
> {}

/**
 * `devices` as fleet `name` registers it, each IMEI claimed (../device/duplicates.ts): at once when the map is a
 * plain object (the constructor throws), else when its value arrives (the registration fails with the message).
 */
export function claimedDevices(name: string, devices: pulumi.Input<FleetMap>): pulumi.Input<FleetMap> {
  const claimAll = (map: object) => Object.keys(map).forEach((imei) => claimImei({ kind: "DeviceFleet", name }, imei));
  if (!pulumi.Output.isInstance(devices) && !(devices instanceof Promise)) {
    claimAll(devices);
    return devices;
  }
  return pulumi.output(devices).apply((map) => {
    claimAll(map);
    return map;
  });
}

/**
 * Many Hapn GPS trackers in one resource: a map of IMEI → labels. Each tracker is adopted, written, refreshed and
 * restored as a `Device` would be, but the engine sees one resource, so a stack of 10,000 trackers costs it what
 * one resource does. A tracker may be in one Device or fleet of a program only: a second one fails the preview.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class DeviceFleet extends HapnDynamicResource {
  /** True when `obj` is a DeviceFleet, even one created by another copy of this package. */
  static override isInstance(obj: unknown): obj is DeviceFleet {
    return isResourceOfType(obj, FLEET_TYPE);
  }

  /**
   * Fails, naming both resources, when another Device or fleet of this program manages one of its trackers (a read
   * by `id` only reads, and claims nothing, as `Device.get` does).
   */
  constructor(name: string, args: DeviceFleetArgs, opts?: pulumi.CustomResourceOptions) {
    const manages = opts?.id === undefined && opts?.import === undefined;
    super(SPEC, name, manages ? { ...args, devices: claimedDevices(name, args.devices) } : args, opts);
  }
}

for (const [output, field] of [
  ["labels", "devices"],
  ["adopted", "adopted"],
  ["missing", "missing"],
] as const) {
  Object.defineProperty(DeviceFleet.prototype, output, {
    get(this: DeviceFleet) {
      return this.fleetJson.apply((text) => readFleet({ fleetJson: text })[field]);
    },
  });
}
