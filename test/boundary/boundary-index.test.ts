/** The boundary index: boundary reads served from few listings of the account (Hapn has no single-boundary GET). */
import type { Boundary } from "../../provider/api-model/wire-types";
import { BoundaryIndex } from "../../provider/boundary/boundary-index";

/** A boundary with this id and name. */
const boundary = (boundaryId: number, name = `B${boundaryId}`) => ({ boundaryId, name }) as Boundary;

/** A source listing `account`, counting its list calls; each call takes a tick, so concurrent reads overlap. */
function source(account: Boundary[]) {
  const calls = { count: 0 };
  return {
    calls,
    listBoundaries: async () => {
      calls.count++;
      await new Promise((resolve) => setImmediate(resolve));
      return [...account];
    },
  };
}

describe("BoundaryIndex", () => {
  it("answers concurrent reads from one listing", async () => {
    const src = source([boundary(1), boundary(2)]);
    const index = new BoundaryIndex(src);
    const [a, b, c] = await Promise.all([index.get(1), index.get(2), index.get(1)]);
    expect([a?.name, b?.name, c?.name]).toEqual(["B1", "B2", "B1"]);
    expect(src.calls.count).toBe(1);
  });

  it("serves later reads from the listing while it is fresh, and lists again after", async () => {
    let now = 0;
    const src = source([boundary(1)]);
    const index = new BoundaryIndex(src, { ttlMs: 1000, now: () => now });
    await index.get(1);
    now = 999;
    await index.get(1);
    expect(src.calls.count).toBe(1);
    now = 1000;
    await index.all();
    expect(src.calls.count).toBe(2);
  });

  it("looks a boundary the listing lacks up in a fresh listing, so one created meanwhile is found", async () => {
    const account = [boundary(1)];
    const src = { calls: { count: 0 }, listBoundaries: async () => [...account] };
    const index = new BoundaryIndex(src);
    await index.get(1);
    account.push(boundary(2));
    expect((await index.get(2))?.name).toBe("B2");
    expect(await index.get(3)).toBeUndefined();
  });

  it("remembers what the caller just wrote and forgets what it deleted", async () => {
    const src = source([boundary(1)]);
    const index = new BoundaryIndex(src);
    await index.all();
    index.remember(boundary(1, "Renamed"));
    expect((await index.get(1))?.name).toBe("Renamed");
    index.forget(1);
    expect((await index.all()).map((b) => b.boundaryId)).toEqual([]);
    expect(src.calls.count).toBe(1);
  });

  it("lets a failed listing fail its reads, and lists again on the next read", async () => {
    let fail = true;
    const index = new BoundaryIndex({
      listBoundaries: async () => {
        if (fail) throw new Error("HTTP 503");
        return [boundary(1)];
      },
    });
    await expect(index.get(1)).rejects.toThrow("HTTP 503");
    fail = false;
    expect((await index.get(1))?.name).toBe("B1");
  });
});
