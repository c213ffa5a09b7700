import type * as pulumi from "@pulumi/pulumi";
import { isResourceOfType, rejectImportOption } from "../resource-class";
import { dynamicType, HapnDynamicResource } from "../stored-provider";
import type { DeviceLabelField, DeviceModel } from "../api-model/wire-types";
import type { Labels } from "./labels";
import type { DeletePolicy, DeviceFacts, OnMissing } from "./state";
import { parseFacts } from "./stored";

/** The arguments of a {@link Device}. Only the label fields you set are managed; the others are left alone. */
export interface DeviceArgs {
  /** The tracker's 15-digit IMEI (a string: IMEIs can start with 0). Changing it replaces the resource. */
  imei: pulumi.Input<string>;
  /** Display name, 1–100 characters. */
  name?: pulumi.Input<string>;
  /** Free text, up to 500 characters. */
  description?: pulumi.Input<string>;
  /** Map color as `#rrggbb` (stored lowercase). */
  color?: pulumi.Input<string>;
  /** Icon name from the Hapn app's icon set, e.g. `location-arrow`. */
  icon?: pulumi.Input<string>;
  /**
   * What `pulumi destroy` does to the tracker: `retain` (default) leaves it as it is; `restoreLabels` puts back
   * the managed labels it had when this stack adopted it. Either way the tracker stays in the account.
   */
  deletePolicy?: pulumi.Input<DeletePolicy>;
  /**
   * What `up` does when the tracker is not in the account (for example it was deactivated, or moved to another
   * account): `fail` (default) stops with an error naming the IMEI; `warn` keeps the resource unchanged with a
   * warning, and applies the labels once the tracker is back. Refresh keeps such a Device in state instead of
   * dropping it.
   */
  onMissing?: pulumi.Input<OnMissing>;
}

const DEVICE_TYPE = dynamicType("Device");

/**
 * A Hapn GPS tracker, adopted into a Pulumi stack by IMEI (its id). The tracker must already be in the account:
 * `create` adopts it and applies the labels you set, refresh reads it back so hand edits show as drift, and
 * destroy never deletes hardware. Credentials come from `hapn:clientId` / `hapn:clientSecret` (or `HAPN_CLIENT_ID`
 * / `HAPN_CLIENT_SECRET`); `hapn:apiUrl` / `hapn:authUrl` point it elsewhere, for example at the emulator.
 */
export class Device extends HapnDynamicResource {
  /** The tracker's IMEI; also the resource's id. */
  declare readonly imei: pulumi.Output<string>;
  /** The tracker's display name, as it is now in the account. */
  declare readonly name: pulumi.Output<string>;
  /** The tracker's description, as it is now in the account. */
  declare readonly description: pulumi.Output<string>;
  /** The tracker's map color as lowercase `#rrggbb`, as it is now in the account. */
  declare readonly color: pulumi.Output<string>;
  /** The tracker's icon name, as it is now in the account. */
  declare readonly icon: pulumi.Output<string>;
  /** What destroy does to the tracker (see {@link DeviceArgs.deletePolicy}). */
  declare readonly deletePolicy: pulumi.Output<DeletePolicy>;
  /** What `up` does when the tracker is not in the account (see {@link DeviceArgs.onMissing}). */
  declare readonly onMissing: pulumi.Output<OnMissing>;
  /**
   * Everything else the Device reports, in one output: the tracker's read-only facts from Hapn, and what this
   * stack recorded about it. Each field also has its own accessor below (`model`, `status`, …). Derived from
   * {@link factsJson} on use (see the end of this file).
   */
  declare readonly facts: pulumi.Output<DeviceFacts>;
  /**
   * {@link facts} as stored in state: one JSON text. A Device stores few values because each costs the program a
   * set of promises per resource and the engine work at every step of every deployment.
   */
  declare readonly factsJson: pulumi.Output<string>;

  /** False while the tracker is not in the account (only with `onMissing: "warn"`); true otherwise. */
  declare readonly inAccount: pulumi.Output<boolean>;
  /** The label fields this resource manages (the ones set in its arguments). */
  declare readonly managedFields: pulumi.Output<DeviceLabelField[]>;
  /** The labels the tracker had when this stack adopted it (what `deletePolicy: "restoreLabels"` puts back). */
  declare readonly adoptedLabels: pulumi.Output<Labels>;
  /** The id of the Hapn customer account the tracker belongs to. */
  declare readonly clientId: pulumi.Output<number>;
  /** The tracker's status code as the Hapn API reports it (for example "A" for an active tracker). */
  declare readonly status: pulumi.Output<string>;
  /** The ICCID of the tracker's SIM card. */
  declare readonly iccid: pulumi.Output<string>;
  /** The tracker's hardware model; `description` is "" when Hapn gives none. */
  declare readonly model: pulumi.Output<Required<DeviceModel>>;
  /** The mobile network operator of the tracker's SIM. */
  declare readonly connectivityProvider: pulumi.Output<string>;
  /** A link to the tracker in the Hapn web app. */
  declare readonly appUrl: pulumi.Output<string>;
  /** When the tracker was added to the account (ISO-8601). */
  declare readonly created: pulumi.Output<string>;
  /** When the tracker was last changed in the account (ISO-8601). */
  declare readonly modified: pulumi.Output<string>;

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

  constructor(name: string, args: DeviceArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImportOption(
      "Device",
      name,
      opts,
      "a Device adopts the tracker with this IMEI on `up` anyway, without the option. To only read a tracker, use " +
        "`Device.get(name, imei)`.",
    );
    // Output properties must be present (as undefined) to be surfaced. Only these keys: each costs four promises
    // per resource.
    const props = {
      deletePolicy: undefined,
      onMissing: undefined,
      ...args,
      // Lets check name both resources when two declare one IMEI; hidden from diffs by its `__` prefix.
      __deviceName: name,
      name: args.name,
      description: args.description,
      color: args.color,
      icon: args.icon,
      factsJson: undefined,
    };
    super("device", "Device", name, props, opts);
  }
}

/** The fields of `facts` that also have their own accessor on {@link Device}. */
const FACT_ACCESSORS = [
  "inAccount",
  "managedFields",
  "adoptedLabels",
  "clientId",
  "status",
  "iccid",
  "model",
  "connectivityProvider",
  "appUrl",
  "created",
  "modified",
] as const satisfies readonly (keyof DeviceFacts & keyof Device)[];

Object.defineProperty(Device.prototype, "facts", {
  get(this: Device) {
    return this.factsJson.apply((text) => parseFacts(text) as DeviceFacts);
  },
});

for (const field of FACT_ACCESSORS) {
  Object.defineProperty(Device.prototype, field, {
    get(this: Device) {
      return this.facts.apply((facts) => facts[field]);
    },
  });
}
