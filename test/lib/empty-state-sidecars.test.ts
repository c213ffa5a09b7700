import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { removeEmptyStateSidecars } from "../../scripts/lib/empty-state-sidecars";

describe("removeEmptyStateSidecars", () => {
  it("removes only the empty .attrs files, at any depth, and names them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hapn-sidecars-"));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write("stacks/p/s.json", "");
    write("stacks/p/s.json.attrs", "");
    write("stacks/p/s.json.bak.attrs", '{"user.content_type":"application/octet-stream"}');
    write("locks/o/p/s/l.json.attrs", "");
    write("meta.yaml", "version: 1");

    expect(
      removeEmptyStateSidecars(dir)
        .map((f) => path.relative(dir, f))
        .sort(),
    ).toEqual(["locks/o/p/s/l.json.attrs", "stacks/p/s.json.attrs"]);
    expect(fs.existsSync(path.join(dir, "stacks/p/s.json"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "stacks/p/s.json.bak.attrs"))).toBe(true);
    expect(removeEmptyStateSidecars(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it("finds nothing in a backend that has no state yet", () => {
    expect(removeEmptyStateSidecars(path.join(os.tmpdir(), "hapn-no-such-backend", ".pulumi"))).toEqual([]);
  });
});
