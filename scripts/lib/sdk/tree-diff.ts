/** Compares two folders file by file: what `npm run gen-sdks -- --check` reports when sdk/ is stale. */
import * as fs from "node:fs";
import * as path from "node:path";

/** Every file below `dir`, as paths relative to it with `/` separators, sorted. */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * The differences between folder `expected` and folder `actual`, one line each: `missing <file>` (only in
 * `expected`), `extra <file>` (only in `actual`), `differs <file>`. Empty when both hold the same files.
 */
export function treeDifferences(expected: string, actual: string): string[] {
  const want = new Set(filesBelow(expected));
  const have = new Set(filesBelow(actual));
  const lines: string[] = [];
  for (const file of [...new Set([...want, ...have])].sort()) {
    if (!have.has(file)) lines.push(`missing ${file}`);
    else if (!want.has(file)) lines.push(`extra ${file}`);
    else if (!fs.readFileSync(path.join(expected, file)).equals(fs.readFileSync(path.join(actual, file))))
      lines.push(`differs ${file}`);
  }
  return lines;
}
