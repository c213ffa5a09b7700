/**
 * `npm run gen-sdks`: writes sdk/nodejs, sdk/go and sdk/python, the hapn package's SDKs, from plugin/schema.json
 * (scripts/lib/sdk/generate-sdks.ts). Run it after `npm run schema` whenever the schema changed; the end-to-end
 * suite (test/e2e/sdks.test.ts) fails while sdk/ differs from what the schema generates.
 *
 *   npm run gen-sdks            # regenerate sdk/<language> for every language
 *   npm run gen-sdks -- --check # exit 1, naming each file, if sdk/ differs from what the schema generates
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateSdks, SDK_LANGUAGES } from "./lib/sdk/generate-sdks";
import { treeDifferences } from "./lib/sdk/tree-diff";

/** The checked-in SDKs. */
export const SDK_DIR = path.resolve(__dirname, "..", "sdk");

/**
 * What differs between the SDKs in `sdkDir` (default: the checked-in ones) and freshly generated ones, one line per
 * file (`differs sdk/go/…`); empty when they are the same.
 */
export function staleSdkFiles(env?: NodeJS.ProcessEnv, sdkDir = SDK_DIR): string[] {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-sdk-check-"));
  try {
    generateSdks(fresh, { env });
    return SDK_LANGUAGES.flatMap((language) =>
      treeDifferences(path.join(fresh, language), path.join(sdkDir, language)).map((line) =>
        line.replace(" ", ` sdk/${language}/`),
      ),
    );
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}

function main(args: string[]): number {
  if (args.includes("--check")) {
    const stale = staleSdkFiles();
    if (stale.length === 0) return 0;
    console.error(`sdk/ is stale (${stale.length} files): run \`npm run gen-sdks\`.\n${stale.join("\n")}`);
    return 1;
  }
  generateSdks(SDK_DIR);
  console.log(`wrote ${SDK_LANGUAGES.map((language) => `sdk/${language}`).join(", ")}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
