/**
 * The `Device` resource class, as programs use it: its arguments and outputs are the Device kind's inputs and
 * record (./state.ts, where each is documented), plus `facts`, read from the one JSON text stored for the fields
 * that are not labels or options.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type ArgsOf, isResourceOfType, type OutputsOf } from "../resource-class";
import { HapnDynamicResource, type ResourceSpec } from "../hosts/dynamic-resource";
import { dynamicType } from "../stored-provider";
import type { DeviceFacts, DeviceInputs, DeviceRecord } from "./state";
import { claimedImei } from "./duplicates";
import { FACT_FIELDS, parseFacts } from "./stored";

/** The arguments of a {@link Device}. Only the label fields you set are managed; the others are left alone. */
export type DeviceArgs = ArgsOf<DeviceInputs>;

/** The outputs of a Device besides its record's fields. */
export interface DeviceStoredFacts {
  /**
   * Everything the Device reports besides its IMEI, labels and options, in one output: the tracker's read-only
   * facts from Hapn, and what this stack recorded about it. Each field also has its own accessor (`model`,
   * `status`, …). Derived from {@link factsJson} on use. A state written before 0.2.0 that no `up` or refresh has
   * rewritten yet stores no `factsJson`: its `facts` is `{}` until then, hence `Partial`.
   */
  facts: Partial<DeviceFacts>;
  /**
   * {@link facts} as stored in state: one JSON text. A Device stores few values because each costs the program a
   * set of promises per resource and the engine work at every step of every deployment.
   */
  factsJson: string;
}

const SPEC: ResourceSpec = {
  storedAs: "device",
  typeName: "Device",
  outputs: ["imei", "name", "description", "color", "icon", "deletePolicy", "onMissing", "factsJson"],
  insteadOfImport:
    "a Device adopts the tracker with this IMEI on `up` anyway, without the option. To only read a tracker, use " +
    "`Device.get(name, imei)`.",
};

const DEVICE_TYPE = dynamicType(SPEC.typeName);

// The outputs are declared once, on the record they come from, and merged into the class (the engine sets them).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Device extends OutputsOf<DeviceRecord & DeviceStoredFacts> {}

/**
 * A Hapn GPS tracker, adopted into a Pulumi stack by IMEI (its id). The tracker must already be in the account:
 * `create` adopts it and applies the labels you set, refresh reads it back so hand edits show as drift, and
 * destroy never deletes hardware. Credentials come from `hapn:clientId` / `hapn:clientSecret` (or `HAPN_CLIENT_ID`
 * / `HAPN_CLIENT_SECRET`); `hapn:apiUrl` / `hapn:authUrl` point it elsewhere, for example at the emulator.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Device extends HapnDynamicResource {
  /**
   * Reads an existing tracker by IMEI without managing it: nothing is changed, and destroy leaves it alone. This
   * is the route that works where `pulumi import` and the `import` option do not (see the README).
   */
  static get(name: string, imei: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): Device {
    return new Device(name, { imei }, { ...opts, id: imei });
  }

  /** True when `obj` is a Device, even one created by another copy of this package. */
  static override isInstance(obj: unknown): obj is Device {
    return isResourceOfType(obj, DEVICE_TYPE);
  }

  /**
   * Fails, naming both resources, when another Device of this program manages the same IMEI (a `get` only reads,
   * and claims nothing).
   */
  constructor(name: string, args: DeviceArgs, opts?: pulumi.CustomResourceOptions) {
    const manages = opts?.id === undefined && opts?.import === undefined;
    super(SPEC, name, manages ? { ...args, imei: claimedImei(name, args.imei) } : args, opts);
  }
}

/** The fields of `facts` that also have their own accessor on {@link Device}. */
const FACT_ACCESSORS: readonly (keyof DeviceFacts & keyof Device)[] = FACT_FIELDS;

Object.defineProperty(Device.prototype, "facts", {
  get(this: Device) {
    return this.factsJson.apply((text) => parseFacts(text));
  },
});

for (const field of FACT_ACCESSORS) {
  Object.defineProperty(Device.prototype, field, {
    get(this: Device) {
      return this.facts.apply((facts) => facts[field]);
    },
  });
}
