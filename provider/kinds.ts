/**
 * Every resource kind of this package, for what is derived from all of them: the drift report's field lists
 * (cli/drift) and the entries `hapn-export` writes (cli/export). A new kind is added here, in `state/v1`, and in
 * the root entry point (CONTRIBUTING.md, "Adding a kind").
 */
import { BOUNDARY } from "./boundary/kind";
import { DEVICE } from "./device/kind";
import { DEVICE_FLEET } from "./fleet/kind";
import type { AnyKind } from "./kind/definition";

export { BOUNDARY, DEVICE, DEVICE_FLEET };

/** The kinds, in the order reports list them. */
export const KINDS: readonly AnyKind[] = [DEVICE, BOUNDARY, DEVICE_FLEET];
