/**
 * examples/fleet's wiring, under Pulumi's mocks: which resources it declares and which inputs flow where. (The
 * real engine runs this program in the demo; the @pulumi/random plugin it uses by default cannot be downloaded on
 * our machines, so its randomTag path is covered here.)
 */
import * as pulumi from "@pulumi/pulumi";

type Registered = { type: string; name: string; inputs: Record<string, unknown> };

async function runFleet(config: Record<string, string>): Promise<Registered[]> {
  const registered: Registered[] = [];
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const id = args.type.startsWith("random:") ? "brave-otter" : `${args.inputs.imei ?? args.name}`;
        return { id, state: { ...args.inputs, factsJson: JSON.stringify({ model: { name: "Mock Tracker" } }) } };
      },
      call: () => ({}),
    },
    "hapn-fleet",
    "test",
    false,
  );
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `hapn-fleet:${k}`, v])),
    ["hapn:clientSecret"],
  );
  let exported: Record<string, pulumi.Output<unknown>> = {};
  jest.isolateModules(() => {
    exported = require("../../examples/fleet");
  });
  await new Promise<void>((resolve) => exported.trackers.apply(() => resolve()));
  return registered;
}

const devices = JSON.stringify([
  { key: "van-2", imei: "862785041422448", name: "Van #2", description: "Delivery", color: "#579DB5" },
  { key: "spare", imei: "490154203237518" },
]);

jest.setTimeout(60_000);

describe("examples/fleet", () => {
  it("adds a generated fleet tag from @pulumi/random and the team to each description", async () => {
    const registered = await runFleet({ devices, team: "logistics", "hapn:clientSecret": "s3cr3t-value" });
    expect(registered.filter((r) => r.type === "random:index/randomPet:RandomPet").map((r) => r.name)).toEqual([
      "fleet-tag",
    ]);
    const van = registered.find((r) => r.name === "van-2");
    expect(van?.type).toBe("pulumi-nodejs:dynamic/hapn:Device");
    expect(van?.inputs).toMatchObject({
      imei: "862785041422448",
      name: "Van #2",
      color: "#579DB5",
      description: "Delivery (logistics, fleet brave-otter)",
    });
    // Only the labels set in config are sent, so the others stay unmanaged.
    expect(Object.keys(registered.find((r) => r.name === "spare")?.inputs ?? {}).sort()).toEqual([
      "__provider",
      "imei",
    ]);
    // The serialized provider never carries the credentials.
    expect(String(van?.inputs.__provider)).not.toContain("s3cr3t-value");
  });

  it("runs without @pulumi/random when randomTag is false", async () => {
    const registered = await runFleet({ devices, randomTag: "false" });
    expect(registered.some((r) => r.type.startsWith("random:"))).toBe(false);
    expect(registered.find((r) => r.name === "van-2")?.inputs.description).toBe("Delivery (ops)");
  });
});
