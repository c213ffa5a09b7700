import { pluginTarballName } from "../../../scripts/lib/plugin/tarball-name";

describe("pluginTarballName", () => {
  it("names the tarball as the Pulumi CLI downloads it, with Go's os and arch names", () => {
    expect(pluginTarballName("0.1.0", "linux", "x64")).toBe("pulumi-resource-hapn-v0.1.0-linux-amd64.tar.gz");
    expect(pluginTarballName("1.2.3", "darwin", "arm64")).toBe("pulumi-resource-hapn-v1.2.3-darwin-arm64.tar.gz");
    expect(pluginTarballName("0.1.0", "win32", "x64")).toBe("pulumi-resource-hapn-v0.1.0-windows-amd64.tar.gz");
  });

  it("refuses a platform the CLI has no name for, naming it", () => {
    expect(() => pluginTarballName("0.1.0", "aix", "ppc64")).toThrow("no Pulumi plugin name for platform aix/ppc64");
  });
});
