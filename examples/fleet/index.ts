/**
 * Example: adopt a fleet of Hapn trackers and keep their labels as this program says.
 *
 * Stack config (namespace = the project name):
 *   devices    JSON list of { key, imei, name?, description?, color?, icon?, deletePolicy? }
 *   team       who owns the fleet; added to every description (default "ops")
 *   randomTag  true (default) to add a generated fleet tag from @pulumi/random to descriptions
 * Hapn connection: hapn:clientId, hapn:clientSecret (secret), and optionally hapn:apiUrl / hapn:authUrl.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as hapn from "pulumi-hapn";

/** One tracker of the fleet, as written in the `devices` config. */
interface FleetEntry {
  key: string;
  imei: string;
  name?: string;
  description?: string;
  color?: string;
  icon?: string;
  deletePolicy?: hapn.DeletePolicy;
}

const config = new pulumi.Config();
const fleet = config.requireObject<FleetEntry[]>("devices");
const team = config.get("team") ?? "ops";

// A stable generated tag, created once per stack and kept across updates.
const tag: pulumi.Output<string> | undefined =
  (config.getBoolean("randomTag") ?? true) ? new random.RandomPet("fleet-tag", { length: 2 }).id : undefined;

const devices = fleet.map(
  (entry) =>
    new hapn.Device(entry.key, {
      imei: entry.imei,
      name: entry.name,
      color: entry.color,
      icon: entry.icon,
      deletePolicy: entry.deletePolicy,
      description:
        entry.description === undefined
          ? undefined
          : tag === undefined
            ? `${entry.description} (${team})`
            : pulumi.interpolate`${entry.description} (${team}, fleet ${tag})`,
    }),
);

/** The generated fleet tag ("" with randomTag=false). */
export const fleetTag = tag ?? "";

/** IMEI → live name and model of every managed tracker. */
export const trackers = pulumi
  .all(devices.map((d) => pulumi.all([d.imei, d.name, d.model])))
  .apply((rows) => Object.fromEntries(rows.map(([imei, name, model]) => [imei, { name, model: model.name }])));
