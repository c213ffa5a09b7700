/**
 * A DeviceFleet's inputs, its record and what it stores: one resource for many trackers, each with the labels the
 * program sets on it. Per tracker only the labels set are managed (compared, written, restored), as for a Device.
 */
import type { DeviceLabelField } from "../api-model/wire-types";
import type { DeletePolicy, OnMissing } from "../device/state";

/** Some of a tracker's four labels: the ones a program sets, or their recorded values. */
export type FleetLabels = Partial<Record<DeviceLabelField, string>>;

/** IMEI → labels. */
export type FleetMap = Record<string, FleetLabels>;

/**
 * A DeviceFleet's inputs: what a program sets (as `DeviceFleetArgs`) and what `check` hands on (colors lowercased).
 */
export interface FleetInputs {
  /**
   * The trackers this fleet manages, by 15-digit IMEI (string keys), each with the labels to apply (`name`,
   * `description`, `color`, `icon`; the same rules as a Device's). Only the labels set are managed.
   */
  devices: FleetMap;
  /**
   * What `pulumi destroy` does to every tracker of the fleet: `retain` (default) leaves them as they are;
   * `restoreLabels` puts back the managed labels each had when this stack adopted it.
   */
  deletePolicy?: DeletePolicy;
  /**
   * What `up` does for a tracker that is not in the account: `fail` (default) fails the update naming it (the
   * others are still written); `warn` keeps it with a warning and applies its labels once it is back.
   */
  onMissing?: OnMissing;
}

/** A DeviceFleet's outputs as the provider works with them: one flat record. */
export interface FleetRecord {
  /** The managed labels of each tracker as they are in the account (the program's values for a missing one). */
  devices: FleetMap;
  /** The labels each tracker had, for its managed labels, when this stack adopted it (what restoreLabels puts back). */
  adopted: FleetMap;
  /** IMEIs not in the account, kept because `onMissing` is "warn". */
  missing: string[];
  /** `["devices"]`: the kernel's list of managed properties. */
  managedFields: string[];
  deletePolicy: DeletePolicy;
  onMissing: OnMissing;
}

/**
 * What a DeviceFleet stores as its outputs: the two options and everything else as one JSON text, so a tracker
 * costs state one compact line instead of an indented object per label (the engine rewrites the whole snapshot at
 * each step; bench/FINDINGS.md).
 */
export interface FleetOutputs {
  deletePolicy: DeletePolicy;
  onMissing: OnMissing;
  /**
   * `devices`, `adopted` and `missing` of {@link FleetRecord} as JSON, `{ trackers, missing }`, each tracker one
   * entry `"<imei>": [live, adopted]` of label rows (./stored.ts).
   */
  fleetJson: string;
}

/** The bookkeeping a fleet's record is built with: what each tracker should carry, and what is recorded. */
export interface FleetBookkeeping {
  managedFields: string[];
  deletePolicy: DeletePolicy;
  onMissing: OnMissing;
  /** The labels each tracker should carry (the program's, or the recorded ones on a refresh). */
  wanted: FleetMap;
  /** The labels recorded at adoption so far. */
  adopted: FleetMap;
}

/** The trackers as read or written: the labels before and after this operation, by IMEI; absent = not in the account. */
export interface FleetLive {
  before: Record<string, FleetLabels>;
  after: Record<string, FleetLabels>;
  /**
   * For trackers adopted by this operation: their labels before this stack first wrote them, which differ from
   * `before` when an earlier, interrupted adoption's writes were applied (the adoption journal knows).
   */
  original?: Record<string, FleetLabels>;
}
