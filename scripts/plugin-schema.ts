/**
 * `npm run schema`: writes plugin/schema.json, the `hapn` package schema generated from the kind definitions,
 * the lookups and the settings (provider/hosts/plugin-schema.ts), as the plugin's GetSchema serves it. Run it after
 * changing a kind's properties or docs; test/scripts/plugin-schema.test.ts fails while the file is stale.
 *
 *   npm run schema            # regenerate plugin/schema.json
 *   npm run schema -- --check # exit 1 if plugin/schema.json differs from what the plugin serves
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { VERSION } from "../provider/client/version";
import { pluginSchemaText } from "../provider/hosts/plugin-schema";

/** The checked-in schema. */
export const SCHEMA_FILE = path.resolve(__dirname, "..", "plugin", "schema.json");

function main(args: string[]): number {
  const text = pluginSchemaText(VERSION);
  if (args.includes("--check")) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (current === text) return 0;
    console.error(`${path.relative(process.cwd(), SCHEMA_FILE)} is stale: run \`npm run schema\`.`);
    return 1;
  }
  fs.writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
