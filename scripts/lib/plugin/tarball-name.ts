/**
 * The file name the Pulumi CLI expects of a resource plugin's tarball, `pulumi-resource-<name>-v<version>-<os>-<arch>
 * .tar.gz` (what it downloads from a `pluginDownloadURL` or a GitHub release): Node's platform and architecture
 * names mapped to Go's, which the CLI uses.
 */

const OS: Record<string, string> = { linux: "linux", darwin: "darwin", win32: "windows" };
const ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64" };

/** The tarball name of the `hapn` plugin at `version` for `platform`/`arch` (Node's names; default this machine's). */
export function pluginTarballName(version: string, platform = process.platform, arch: string = process.arch): string {
  const os = OS[platform];
  const goArch = ARCH[arch];
  if (!os || !goArch)
    throw new Error(
      `no Pulumi plugin name for platform ${platform}/${arch}: use linux, darwin or win32 on x64 or arm64`,
    );
  return `pulumi-resource-hapn-v${version}-${os}-${goArch}.tar.gz`;
}
