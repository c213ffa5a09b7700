/** Property values between the plugin's messages and the kernel: secrets unwrapped, then marked again by name. */
import { fromStruct, secretValue, toStruct, unwrapSecrets } from "../../provider/hosts/plugin-values";

describe("plugin values", () => {
  it("unwraps secrets at any depth and remembers the top-level properties that held one", () => {
    const struct = toStruct({
      name: secretValue("Van 2"),
      devices: { "862785041422448": { name: secretValue("x") } },
      icon: "car",
    });
    const { props, secrets } = fromStruct(struct);
    expect(props).toEqual({ name: "Van 2", devices: { "862785041422448": { name: "x" } }, icon: "car" });
    expect(secrets.sort()).toEqual(["devices", "name"]);
    expect(unwrapSecrets([secretValue(secretValue(1))])).toEqual([1]);
  });

  it("marks the named properties secret again and leaves undefined values out", () => {
    const struct = toStruct({ name: "Van 2", icon: undefined, color: "#00aa11" }, ["name", "missing"]);
    expect(struct.toJavaScript()).toEqual({ name: secretValue("Van 2"), color: "#00aa11" });
  });

  it("reads an absent message as no properties", () => {
    expect(fromStruct(undefined)).toEqual({ props: {}, secrets: [] });
  });
});
