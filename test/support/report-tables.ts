import { COLUMNS } from "../../cli/drift/format";

/** The rows of a plain-text drift report (after verdict, blank line, titles and rule), split on runs of 2+ spaces. */
export function textRows(text: string): string[][] {
  return text
    .split("\n")
    .slice(4)
    .filter(Boolean)
    .map((l) => l.split(/ {2,}/));
}

/** The rows of a Markdown drift report's table, unescaped. */
export function markdownRows(md: string): string[][] {
  return md
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith(`| ${COLUMNS[0]}`))
    .map((l) =>
      l
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((c) => c.replace(/\\\|/g, "|")),
    );
}
