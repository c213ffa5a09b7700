import * as pulumi from "@pulumi/pulumi";

/** Arguments whose every value may be an Input (a plain value, a Promise or another resource's Output). */
export type InputArgs<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/**
 * The `…Output` form of a lookup: takes Inputs, waits for them, and runs the lookup, so a lookup can follow from
 * another resource's outputs (`getDeviceOutput({ imei: device.imei })`).
 */
export function outputForm<A, R>(lookup: (args: A) => Promise<R>): (args: InputArgs<A>) => pulumi.Output<R> {
  return (args) => pulumi.output(args).apply((plain) => lookup(plain as unknown as A)) as pulumi.Output<R>;
}
