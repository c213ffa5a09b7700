import * as pulumi from "@pulumi/pulumi";
import type { DeviceModel } from "../types";
import type { Labels } from "./labels";
import * as operations from "./operations";
import type { DeletePolicy } from "./state";

/**
 * The serialized provider: a thin forwarder to ./operations. Pulumi stores this object's code in every
 * resource's state; because `operations` is a module of the installed package, the serializer stores a
 * `require` of it, not its code. Keep this object small and stable: each change here shows up in `__provider`.
 */
export const deviceProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => operations.configure(req),
  check: (olds, news) => operations.check(olds, news),
  diff: (id, olds, news) => operations.diff(id, olds, news),
  create: (inputs) => operations.create(inputs),
  read: (id, props) => operations.read(id, props),
  update: (id, olds, news) => operations.update(id, olds, news),
  delete: (id, props) => operations.remove(id, props),
};

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
}

/**
 * A Hapn GPS tracker, adopted into a Pulumi stack by IMEI (its id). The tracker must already be in the account:
 * `create` adopts it and applies the labels you set, refresh reads it back so hand edits show as drift, and
 * destroy never deletes hardware. Credentials come from `hapn:clientId` / `hapn:clientSecret` (or `HAPN_CLIENT_ID`
 * / `HAPN_CLIENT_SECRET`); `hapn:apiUrl` / `hapn:authUrl` point it elsewhere, for example at the emulator.
 */
export class Device extends pulumi.dynamic.Resource {
  declare readonly imei: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly color: pulumi.Output<string>;
  declare readonly icon: pulumi.Output<string>;
  declare readonly deletePolicy: pulumi.Output<DeletePolicy>;
  /** The label fields this resource manages (the ones set in its arguments). */
  declare readonly managedFields: pulumi.Output<string[]>;
  /** The labels the tracker had when this stack adopted it. */
  declare readonly adoptedLabels: pulumi.Output<Labels>;
  declare readonly clientId: pulumi.Output<number>;
  declare readonly status: pulumi.Output<string>;
  declare readonly iccid: pulumi.Output<string>;
  declare readonly model: pulumi.Output<DeviceModel>;
  declare readonly connectivityProvider: pulumi.Output<string>;
  declare readonly appUrl: pulumi.Output<string>;
  declare readonly created: pulumi.Output<string>;
  declare readonly modified: pulumi.Output<string>;

  constructor(name: string, args: DeviceArgs, opts?: pulumi.CustomResourceOptions) {
    // Output properties must be present (as undefined) to be surfaced; a fresh object each time because the
    // base class adds `__provider` to it.
    const props = {
      deletePolicy: undefined,
      ...args,
      managedFields: undefined,
      adoptedLabels: undefined,
      clientId: undefined,
      status: undefined,
      iccid: undefined,
      model: undefined,
      connectivityProvider: undefined,
      appUrl: undefined,
      created: undefined,
      modified: undefined,
      name: args.name,
      description: args.description,
      color: args.color,
      icon: args.icon,
    };
    super(deviceProvider, name, props, opts, "hapn", "Device");
  }
}
