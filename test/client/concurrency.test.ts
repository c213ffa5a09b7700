import { Semaphore } from "../../provider/client/concurrency";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("Semaphore", () => {
  it("never lets more than `limit` tasks run at once", async () => {
    const semaphore = new Semaphore(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        semaphore.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(semaphore.inUse).toBe(0);
  });

  it("serves waiters first in, first out", async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) => semaphore.run(async () => void order.push(n)));
    expect(semaphore.waiting).toBe(3);
    release();
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
  });

  it("releases the slot when the task throws, and ignores a second release", async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const release = await semaphore.acquire();
    release();
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it("rejects a limit that is not a positive integer", () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
