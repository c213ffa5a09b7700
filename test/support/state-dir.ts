/**
 * Every unit test gets its own `HAPN_STATE_DIR`, as if it ran on a fresh machine: the provider's adoption journal
 * never writes into the user's ~/.cache, and no test sees entries another one left.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-state-"));
let count = 0;
beforeEach(() => {
  process.env.HAPN_STATE_DIR = path.join(root, String(++count));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
