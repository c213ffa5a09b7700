/**
 * The plugin's gRPC server, called as the engine calls it (real gRPC over loopback, the SDK's own stubs) against a
 * real emulator: its schema and info, the provider configuration's checks, a Device's check/create/diff/read/import
 * with per-field diffs, a DeviceFleet's per-tracker paths, a lookup as a function, and no client secret in any answer.
 */
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { RunningEmulator } from "../../emulator";
import { VERSION } from "../../provider/client/version";
import { forgetCancel } from "../../provider/client/engine-watch";
import { CANCEL_REASON, servePlugin } from "../../provider/hosts/plugin-server";
import { pluginSchemaText } from "../../provider/hosts/plugin-schema";
import { fromStruct, secretValue, toStruct } from "../../provider/hosts/plugin-values";
import { emptyproto, grpc } from "../../provider/hosts/sdk-modules";
import { resetProviderProcess } from "../../provider/process-state";
import { startTestEmulator } from "../support/emulator";

type Client = provrpc.ResourceProviderClient;

/** One unary call of the client, as a promise. */
function call<Req, Res>(client: Client, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (r: Req, cb: (e: Error | null, res: Res) => void) => void>)[method];
    fn.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

const URN = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;

describe("the hapn plugin's gRPC server", () => {
  let emu: RunningEmulator;
  let client: Client;
  let stop: () => void;
  let imei: string;
  let other: string;
  const writes = () => {
    const { byRoute } = emu.admin.counters();
    return Object.values(byRoute.updateDevice ?? {}).reduce((a, b) => a + b, 0);
  };
  const apiRequests = () => emu.admin.counters().apiRequests;

  beforeAll(async () => {
    resetProviderProcess();
    emu = await startTestEmulator({ devices: 3, seed: 4 });
    [imei, other] = emu.admin.listDevices().map((d) => d.imei);
    const { port, stop: stopServer } = await servePlugin(undefined);
    stop = stopServer;
    client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    stop?.();
    await emu?.stop();
  });

  const providerInputs = (overrides: Record<string, unknown> = {}) => ({
    apiUrl: emu.apiUrl,
    authUrl: emu.authUrl,
    clientId: emu.clientId,
    clientSecret: secretValue(emu.clientSecret),
    ...overrides,
  });

  const checkConfig = (news: Record<string, unknown>) => {
    const request = new provproto.CheckRequest();
    request.setUrn(URN("pulumi:providers:hapn", "p"));
    request.setNews(toStruct(news));
    return call<provproto.CheckRequest, provproto.CheckResponse>(client, "checkConfig", request);
  };

  it("serves its version and the schema generated from the kinds", async () => {
    const info = await call<unknown, { getVersion(): string }>(client, "getPluginInfo", new emptyproto.Empty());
    expect(info.getVersion()).toBe(VERSION);
    const response = await call<provproto.GetSchemaRequest, provproto.GetSchemaResponse>(
      client,
      "getSchema",
      new provproto.GetSchemaRequest(),
    );
    expect(response.getSchema()).toBe(pluginSchemaText(VERSION));
    const schema = JSON.parse(response.getSchema());
    expect(Object.keys(schema.resources)).toEqual([
      "hapn:index:Device",
      "hapn:index:Boundary",
      "hapn:index:DeviceFleet",
    ]);
    expect(Object.keys(schema.functions)).toEqual([
      "hapn:index:getDevice",
      "hapn:index:getDevices",
      "hapn:index:getDeviceStatus",
    ]);
    expect(schema.config.variables.clientSecret.secret).toBe(true);
  });

  it("CheckConfig names each bad field, marks the client secret secret, and calls no API", async () => {
    emu.admin.resetCounters();
    const response = await checkConfig(
      providerInputs({ apiUrl: "not a url", timeoutMs: -5, clientSecret: "plain", colour: "x" }),
    );
    const failures = response.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    expect(failures).toEqual([
      ["colour", expect.stringContaining('unknown property "colour"')],
      ["timeoutMs", expect.stringMatching(/hapn:timeoutMs is "-5", but must be a number from 1/)],
      ["apiUrl", expect.stringMatching(/^hapn:apiUrl \(or HAPN_API_URL\) must be an absolute URL, got "not a url"/)],
    ]);
    const raw = response.getInputs()!.toJavaScript() as Record<string, unknown>;
    expect(raw.clientSecret).toEqual(secretValue("plain"));
    expect(JSON.stringify(failures)).not.toContain("plain");
    expect(apiRequests()).toBe(0);
    expect((await checkConfig(providerInputs())).getFailuresList()).toEqual([]);
  });

  it("DiffConfig never replaces: new credentials are an update of the provider", async () => {
    const request = new provproto.DiffRequest();
    request.setOldInputs(toStruct(providerInputs()));
    request.setOlds(toStruct(providerInputs()));
    request.setNews(toStruct(providerInputs({ clientSecret: secretValue("rotated") })));
    const response = await call<provproto.DiffRequest, provproto.DiffResponse>(client, "diffConfig", request);
    expect(response.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(response.getReplacesList()).toEqual([]);
    expect([...response.getDetaileddiffMap().keys()]).toEqual(["clientSecret"]);
  });

  describe("after Configure with explicit provider inputs", () => {
    const device = (name: string) => URN("hapn:index:Device", name);
    /** Configure, in what is as good as a fresh plugin process (each deployment gets its own). */
    const configure = async () => {
      resetProviderProcess();
      const request = new provproto.ConfigureRequest();
      request.setArgs(toStruct(providerInputs()));
      const response = await call<provproto.ConfigureRequest, provproto.ConfigureResponse>(
        client,
        "configure",
        request,
      );
      expect(response.getAcceptsecrets()).toBe(true);
    };
    beforeAll(configure);

    it("checks a Device with the kernel's messages and no API call", async () => {
      emu.admin.resetCounters();
      const request = new provproto.CheckRequest();
      request.setUrn(device("van"));
      request.setNews(toStruct({ imei: "123", color: "red" }));
      const response = await call<provproto.CheckRequest, provproto.CheckResponse>(client, "check", request);
      expect(response.getFailuresList().map((f) => f.getProperty())).toEqual(["imei", "color"]);
      expect(apiRequests()).toBe(0);
    });

    it("creates, diffs per field after a hand edit, refreshes and imports a Device", async () => {
      const create = new provproto.CreateRequest();
      create.setUrn(device("van"));
      create.setProperties(toStruct({ imei, name: "Van 2" }));
      const created = await call<provproto.CreateRequest, provproto.CreateResponse>(client, "create", create);
      expect(created.getId()).toBe(imei);
      const outs = fromStruct(created.getProperties()).props;
      expect(outs.name).toBe("Van 2");
      expect(emu.admin.getDevice(imei)?.name).toBe("Van 2");

      emu.admin.editDevice(imei, { name: "Hand edit" });
      await configure(); // the next deployment: `pulumi preview --refresh`
      const read = new provproto.ReadRequest();
      read.setId(imei);
      read.setUrn(device("van"));
      read.setProperties(toStruct(outs));
      read.setInputs(toStruct({ imei, name: "Van 2" }));
      const refreshed = await call<provproto.ReadRequest, provproto.ReadResponse>(client, "read", read);
      expect(fromStruct(refreshed.getInputs()).props).toEqual({ imei, name: "Hand edit" });

      const diff = new provproto.DiffRequest();
      diff.setId(imei);
      diff.setUrn(device("van"));
      diff.setOlds(refreshed.getProperties());
      diff.setOldInputs(refreshed.getInputs());
      diff.setNews(toStruct({ imei, name: "Van 2", deletePolicy: "restoreLabels" }));
      const diffed = await call<provproto.DiffRequest, provproto.DiffResponse>(client, "diff", diff);
      expect(diffed.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
      const detailed = Object.fromEntries([...diffed.getDetaileddiffMap().entries()].map(([k, v]) => [k, v.getKind()]));
      expect(detailed).toEqual({
        name: provproto.PropertyDiff.Kind.UPDATE,
        deletePolicy: provproto.PropertyDiff.Kind.ADD,
      });

      await configure(); // `pulumi import`
      emu.admin.resetCounters();
      const importRead = new provproto.ReadRequest();
      importRead.setId(other);
      importRead.setUrn(device("van-2"));
      const imported = await call<provproto.ReadRequest, provproto.ReadResponse>(client, "read", importRead);
      const live = emu.admin.getDevice(other)!;
      expect(imported.getId()).toBe(other);
      expect(fromStruct(imported.getInputs()).props).toEqual({
        imei: other,
        name: live.name,
        color: live.color,
        icon: live.icon,
        ...(live.description ? { description: live.description } : {}),
      });
      expect(writes()).toBe(0);

      const next = new provproto.DiffRequest();
      next.setId(other);
      next.setUrn(device("van-2"));
      next.setOlds(imported.getProperties());
      next.setOldInputs(imported.getInputs());
      next.setNews(imported.getInputs());
      const noop = await call<provproto.DiffRequest, provproto.DiffResponse>(client, "diff", next);
      expect(noop.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_NONE);

      const missing = new provproto.ReadRequest();
      missing.setId("490154203237518");
      missing.setUrn(device("gone"));
      const gone = await call<provproto.ReadRequest, provproto.ReadResponse>(client, "read", missing);
      expect([gone.getId(), gone.getProperties()]).toEqual(["", undefined]);
    });

    it("names each tracker's label in a DeviceFleet's diff", async () => {
      const create = new provproto.CreateRequest();
      create.setUrn(URN("hapn:index:DeviceFleet", "fleet"));
      create.setProperties(toStruct({ devices: { [imei]: { name: "Van 2" }, [other]: { icon: "car" } } }));
      const created = await call<provproto.CreateRequest, provproto.CreateResponse>(client, "create", create);
      const diff = new provproto.DiffRequest();
      diff.setId(created.getId());
      diff.setUrn(URN("hapn:index:DeviceFleet", "fleet"));
      diff.setOlds(created.getProperties());
      diff.setOldInputs(create.getProperties());
      diff.setNews(toStruct({ devices: { [imei]: { name: "Van 3" }, [other]: { icon: "car" } } }));
      const diffed = await call<provproto.DiffRequest, provproto.DiffResponse>(client, "diff", diff);
      expect([...diffed.getDetaileddiffMap().keys()]).toEqual([`devices["${imei}"].name`]);
    });

    it("serves the lookups as functions, naming the lookup in its errors", async () => {
      const invoke = new provproto.InvokeRequest();
      invoke.setTok("hapn:index:getDevice");
      invoke.setArgs(toStruct({ imei }));
      const response = await call<provproto.InvokeRequest, provproto.InvokeResponse>(client, "invoke", invoke);
      expect(fromStruct(response.getReturn()).props).toMatchObject({ imei, name: emu.admin.getDevice(imei)!.name });
      invoke.setArgs(toStruct({ imei: "12" }));
      await expect(call(client, "invoke", invoke)).rejects.toThrow(/hapn\.getDevice: imei/);
    });

    it("never answers with the client secret", async () => {
      const request = new provproto.ReadRequest();
      request.setId(imei);
      request.setUrn(device("van"));
      const response = await call<provproto.ReadRequest, provproto.ReadResponse>(client, "read", request);
      expect(JSON.stringify(response.toObject())).not.toContain(emu.clientSecret);
    });

    it("after Cancel sends nothing more: a Create fails naming the cancel, with 0 API calls", async () => {
      await configure();
      emu.admin.resetCounters();
      await call<EmptyPb.Empty, EmptyPb.Empty>(client, "cancel", new emptyproto.Empty());
      try {
        const create = new provproto.CreateRequest();
        create.setUrn(device("late"));
        create.setProperties(toStruct({ imei: other, name: "Too late" }));
        const error = await call(client, "create", create).then(
          () => undefined,
          (e: Error) => e,
        );
        expect(error?.message).toContain(`was not sent: ${CANCEL_REASON}`);
        expect(emu.admin.counters().apiRequests + emu.admin.counters().tokenRequests).toBe(0);
        expect(emu.admin.getDevice(other)?.name).not.toBe("Too late");
      } finally {
        forgetCancel();
      }
    });
  });
});
