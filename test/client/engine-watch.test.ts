/**
 * Issue 20: stop when the engine is gone. The watch itself (parent changed, engine address refusing connections)
 * and the client's use of it: nothing is sent once it says gone, neither a first attempt nor a retry.
 */
import * as net from "node:net";
import { isHapnError } from "../../provider/client";
import {
  cancelCalls,
  defaultEngineCheck,
  EngineWatch,
  forgetCancel,
  engineAddressOf,
  isDynamicProviderProcess,
} from "../../provider/client/engine-watch";
import { useCleanup } from "./support/cleanup";
import { deviceJson, newClient, ok } from "./support/fake-hapn";
import { rejection } from "./support/rejection";

const { clients, fake } = useCleanup();
const IMEI = "862785041422448";

/** A listening TCP server standing in for the engine, the connections it took, and how to make it go away. */
async function fakeEngine(): Promise<{ address: string; connections: () => number; stop: () => Promise<void> }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    connections: () => connections,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Waits until the fake engine has taken `n` connections (it counts them when it accepts them). */
async function accepted(engine: { connections: () => number }, n: number): Promise<number> {
  for (let i = 0; i < 100 && engine.connections() < n; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 20)); // and no more than that
  return engine.connections();
}

describe("EngineWatch", () => {
  it("finds the engine gone when the parent process changed (the orphan was re-parented)", async () => {
    const parent = { pid: 4242 };
    const watch = new EngineWatch({ ppid: () => parent.pid });
    await expect(watch.check()).resolves.toBeUndefined();
    parent.pid = 1;
    await expect(watch.check()).resolves.toMatch(/engine that started this provider \(process 4242\) is gone/);
    parent.pid = 4242;
    await expect(watch.check()).resolves.toMatch(/is gone/); // once gone, always gone
  });

  it("finds the engine gone when its address refuses connections (a shim process between the two)", async () => {
    const engine = await fakeEngine();
    const watch = new EngineWatch({ ppid: () => 7, engineAddress: engine.address });
    await expect(watch.check()).resolves.toBeUndefined();
    await engine.stop();
    await expect(watch.check()).resolves.toMatch(`no longer answers at ${engine.address}`);
  });

  it("probes the address once for checks made while a probe is under way, and again once it has answered", async () => {
    const engine = await fakeEngine();
    const watch = new EngineWatch({ ppid: () => 7, engineAddress: engine.address });
    await expect(Promise.all([watch.check(), watch.check(), watch.check()])).resolves.toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(await accepted(engine, 1)).toBe(1);
    await expect(watch.check()).resolves.toBeUndefined();
    expect(await accepted(engine, 2)).toBe(2);
    await engine.stop();
    await expect(watch.check()).resolves.toMatch(`no longer answers at ${engine.address}`); // never a stale answer
  });

  it("looks at the parent at every check, whatever the last probe of the address said", async () => {
    const engine = await fakeEngine();
    const parent = { pid: 7 };
    const watch = new EngineWatch({ ppid: () => parent.pid, engineAddress: engine.address });
    await expect(watch.check()).resolves.toBeUndefined();
    parent.pid = 1;
    await expect(watch.check()).resolves.toMatch(/engine that started this provider \(process 7\) is gone/);
    await engine.stop();
  });

  it("polls in the background and reports once", async () => {
    const parent = { pid: 10 };
    const reasons: string[] = [];
    const watch = new EngineWatch({ ppid: () => parent.pid, onGone: (reason) => reasons.push(reason) });
    watch.startPolling(10);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(reasons).toEqual([]);
    parent.pid = 1;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reasons).toHaveLength(1);
  });

  it("knows Pulumi's dynamic-provider process and the engine address among its arguments", () => {
    const main = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider";
    expect(isDynamicProviderProcess(["node", main, "127.0.0.1:1234"])).toBe(true);
    expect(isDynamicProviderProcess(["node", `${main}/index.js`])).toBe(true);
    expect(isDynamicProviderProcess(["node", "/p/scripts/sync.js"])).toBe(false);
    expect(isDynamicProviderProcess(process.argv)).toBe(false); // jest: no check, no background timer
    expect(engineAddressOf(["127.0.0.1:40123"])).toBe("127.0.0.1:40123");
    expect(engineAddressOf(["--logtostderr", "-v=9", "localhost:5", "x"])).toBe("localhost:5");
    expect(engineAddressOf(["[::1]:8080"])).toBe("[::1]:8080");
    expect(engineAddressOf([])).toBeUndefined();
  });
});

describe("HapnClient with an engine check", () => {
  it("sends nothing, not even a token request, once the engine is gone", async () => {
    const server = await fake({ api: (ctx) => ctx.json(200, ok(deviceJson(IMEI))) });
    const client = newClient(server, clients, { engineCheck: async () => "the engine is gone (test)" });
    const error = await rejection(client.updateDevice(IMEI, { name: "x" }));
    expect(isHapnError(error, "HAPN_ENGINE_GONE")).toBe(true);
    expect(error.message).toBe(
      "POST /oauth2/token was not sent: the engine is gone (test); stopping without sending anything more",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("does not send the retry when the engine dies while the call waits to retry", async () => {
    const engine = { gone: undefined as string | undefined };
    const server = await fake({
      api: (ctx) => {
        engine.gone = "the engine died during the backoff"; // the answer comes, then the engine goes
        ctx.json(503, { message: "Service Unavailable" });
      },
    });
    const client = newClient(server, clients, { engineCheck: async () => engine.gone });
    const error = await rejection(client.updateDevice(IMEI, { name: "x" }));
    expect(error.code).toBe("HAPN_ENGINE_GONE");
    expect(error.message).toMatch(/^PATCH \/devices\/862785041422448 was not sent/);
    expect(server.apiRequests()).toHaveLength(1); // without the check: 1 + maxRetries
  });
});

describe("a cancel by the engine (the plugin's Cancel)", () => {
  afterEach(() => forgetCancel());

  it("stops every later request of the process's clients from leaving, naming the cancel", async () => {
    const server = await fake({ api: (ctx) => ctx.json(200, ok(deviceJson(IMEI))) });
    const client = newClient(server, clients); // the default check: no engine here, but a cancel counts
    await client.updateDevice(IMEI, { name: "before" });
    const sent = server.requests.length;
    cancelCalls("the engine cancelled (test)");
    const error = await rejection(client.updateDevice(IMEI, { name: "after" }));
    expect(error.code).toBe("HAPN_ENGINE_GONE");
    expect(error.message).toBe(
      "PATCH /devices/862785041422448 was not sent: the engine cancelled (test); stopping without sending anything more",
    );
    expect(server.requests).toHaveLength(sent);
  });

  it("is not the engine going away: the background watch does not stop the process for it", async () => {
    const reasons: string[] = [];
    const watch = new EngineWatch({ ppid: () => 10, onGone: (reason) => reasons.push(reason) });
    watch.startPolling(10);
    cancelCalls("the engine cancelled (test)");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reasons).toEqual([]);
    await expect(defaultEngineCheck()()).resolves.toBe("the engine cancelled (test)");
  });
});
