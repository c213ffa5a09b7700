/**
 * The `hapn` resource provider plugin: a gRPC ResourceProvider server written directly over the stubs
 * `@pulumi/pulumi/proto` ships (as the SDK's own dynamic-provider host is), because the SDK's `provider.main`
 * answers Configure without reading its arguments and leaves CheckConfig and DiffConfig unimplemented. It serves the
 * kinds (`hapn:index:Device`, …) through ./plugin-resource.ts, the lookups as functions (`hapn:index:getDevice`, …)
 * and the provider's configuration through ./plugin-config.ts; nothing here is kind-specific. The engine starts one
 * process per provider resource, so each process has one account: its settings, token, throttles and breakers.
 */
import type * as GrpcJs from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { cancelCalls, watchEngine } from "../client/engine-watch";
import { VERSION } from "../client/version";
import type { Props } from "../kind/definition";
import { KINDS } from "../kinds";
import { LOOKUPS } from "../lookups/all";
import { useEngine } from "../messages";
import { providerApi } from "../provider-api";
import {
  type ConfigChange,
  checkProviderConfig,
  configureProvider,
  diffProviderConfig,
  SECRET_INPUTS,
} from "./plugin-config";
import { grpcError } from "./plugin-errors";
import { type PluginResource, pluginResource } from "./plugin-resource";
import { pluginSchemaText } from "./plugin-schema";
import { functionToken, resourceToken } from "./plugin-tokens";
import { fromStruct, toStruct } from "./plugin-values";
import { emptyproto, grpc } from "./sdk-modules";

type Call<Req> = GrpcJs.ServerUnaryCall<Req, unknown>;
type Reply<Res> = GrpcJs.sendUnaryData<Res>;

/** A unary handler from an async function: its result is the response, its throw the engine's error. */
function unary<Req, Res>(handle: (request: Req) => Promise<Res> | Res) {
  return (call: Call<Req>, reply: Reply<Res>): void => {
    Promise.resolve()
      .then(() => handle(call.request))
      .then(
        (response) => reply(null, response),
        (error: unknown) => {
          const status = grpcError(error);
          reply(status, null, status.metadata);
        },
      );
  };
}

/** The resource type of a request: its `type`, or the last part of its URN's type for engines that send none. */
function typeOf(request: { getType?(): string; getUrn(): string }): string {
  const type = request.getType?.();
  if (type) return type;
  const qualified = request.getUrn().split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

const PROPERTY_DIFF = provproto.PropertyDiff.Kind;

/** What a request not sent after the engine's Cancel says. */
export const CANCEL_REASON = "the Pulumi engine cancelled this operation (Ctrl-C, or a cancelled job)";

/** A CheckFailure message. */
function failure(property: string, reason: string): provproto.CheckFailure {
  const f = new provproto.CheckFailure();
  f.setProperty(property);
  f.setReason(reason);
  return f;
}

/** A PropertyDiff of one path, compared with the old inputs (what the CLI shows as the old value). */
function propertyDiff(kind: provproto.PropertyDiff.Kind): provproto.PropertyDiff {
  const diff = new provproto.PropertyDiff();
  diff.setKind(kind);
  diff.setInputdiff(true);
  return diff;
}

/** The PropertyDiff kind of a configuration change. */
const CONFIG_CHANGE: Record<ConfigChange, provproto.PropertyDiff.Kind> = {
  add: PROPERTY_DIFF.ADD,
  delete: PROPERTY_DIFF.DELETE,
  update: PROPERTY_DIFF.UPDATE,
};

/** The kind of change of `path` against the old inputs: added or removed at the top level, else updated. */
function changeKind(path: string, oldInputs: Props, news: Props, replaces: boolean): provproto.PropertyDiff.Kind {
  const top = path.split(/[.[]/)[0];
  if (!(top in oldInputs) && top in news) return replaces ? PROPERTY_DIFF.ADD_REPLACE : PROPERTY_DIFF.ADD;
  if (top in oldInputs && !(top in news)) return replaces ? PROPERTY_DIFF.DELETE_REPLACE : PROPERTY_DIFF.DELETE;
  return replaces ? PROPERTY_DIFF.UPDATE_REPLACE : PROPERTY_DIFF.UPDATE;
}

/** The ResourceProvider service of the plugin (the methods it does not implement answer UNIMPLEMENTED). */
export function pluginService(): Partial<provrpc.IResourceProviderServer> {
  const resources: Record<string, PluginResource> = Object.fromEntries(
    KINDS.map((kind) => [resourceToken(kind), pluginResource(kind)]),
  );
  const lookups = Object.fromEntries(LOOKUPS.map((lookup) => [functionToken(lookup), lookup]));
  const resourceOf = (request: { getType?(): string; getUrn(): string }) => {
    const type = typeOf(request);
    const resource = resources[type];
    if (!resource)
      throw new Error(`The hapn provider has no resource type ${type}; it serves ${Object.keys(resources).join(", ")}`);
    return resource;
  };

  return {
    getPluginInfo: unary<EmptyPb.Empty, plugproto.PluginInfo>(() => {
      const info = new plugproto.PluginInfo();
      info.setVersion(VERSION);
      return info;
    }),

    getSchema: unary<provproto.GetSchemaRequest, provproto.GetSchemaResponse>((request) => {
      if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
      const response = new provproto.GetSchemaResponse();
      response.setSchema(pluginSchemaText(VERSION));
      return response;
    }),

    checkConfig: unary<provproto.CheckRequest, provproto.CheckResponse>((request) => {
      const news = fromStruct(request.getNews());
      const response = new provproto.CheckResponse();
      const secrets = [...new Set([...news.secrets, ...SECRET_INPUTS.filter((k) => news.props[k] !== undefined)])];
      response.setInputs(toStruct(news.props, secrets));
      response.setFailuresList(checkProviderConfig(news.props).map((f) => failure(f.property, f.reason)));
      return response;
    }),

    diffConfig: unary<provproto.DiffRequest, provproto.DiffResponse>((request) => {
      const olds = fromStruct(request.getOldInputs() ?? request.getOlds()).props;
      const changes = diffProviderConfig(olds, fromStruct(request.getNews()).props);
      const response = new provproto.DiffResponse();
      const keys = Object.keys(changes);
      response.setChanges(
        keys.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      response.setDiffsList(keys);
      response.setHasdetaileddiff(true);
      for (const key of keys) response.getDetaileddiffMap().set(key, propertyDiff(CONFIG_CHANGE[changes[key]]));
      return response;
    }),

    configure: unary<provproto.ConfigureRequest, provproto.ConfigureResponse>((request) => {
      const variables = Object.fromEntries(request.getVariablesMap().toArray());
      configureProvider(fromStruct(request.getArgs()).props, variables);
      const response = new provproto.ConfigureResponse();
      response.setAcceptsecrets(true);
      response.setSupportspreview(false);
      response.setAcceptresources(false);
      return response;
    }),

    check: unary<provproto.CheckRequest, provproto.CheckResponse>((request) => {
      const news = fromStruct(request.getNews());
      const result = resourceOf(request).check(news.props);
      const response = new provproto.CheckResponse();
      response.setInputs(toStruct(result.inputs ?? news.props, news.secrets));
      response.setFailuresList((result.failures ?? []).map((f) => failure(f.property, f.reason)));
      return response;
    }),

    diff: unary<provproto.DiffRequest, provproto.DiffResponse>(async (request) => {
      const news = fromStruct(request.getNews()).props;
      const oldInputs = fromStruct(request.getOldInputs()).props;
      const result = await resourceOf(request).diff(request.getId(), fromStruct(request.getOlds()).props, news);
      const response = new provproto.DiffResponse();
      response.setChanges(
        result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      response.setReplacesList(result.replaces);
      response.setDiffsList([...new Set(result.paths.map((p) => p.path.split(/[.[]/)[0]))]);
      response.setHasdetaileddiff(true);
      for (const { path, replaces } of result.paths) {
        response.getDetaileddiffMap().set(path, propertyDiff(changeKind(path, oldInputs, news, replaces)));
      }
      return response;
    }),

    create: unary<provproto.CreateRequest, provproto.CreateResponse>(async (request) => {
      const inputs = fromStruct(request.getProperties());
      const { id, outs } = await resourceOf(request).create(inputs.props);
      const response = new provproto.CreateResponse();
      response.setId(id);
      response.setProperties(toStruct(outs, inputs.secrets));
      return response;
    }),

    read: unary<provproto.ReadRequest, provproto.ReadResponse>(async (request) => {
      const props = fromStruct(request.getProperties());
      const inputs = fromStruct(request.getInputs());
      const secrets = [...new Set([...props.secrets, ...inputs.secrets])];
      const result = await resourceOf(request).read(request.getId(), props.props);
      const response = new provproto.ReadResponse();
      if (result.id === undefined || result.props === undefined) return response; // gone: no id, no outputs
      response.setId(result.id);
      response.setProperties(toStruct(result.props, secrets));
      if (result.inputs) response.setInputs(toStruct(result.inputs, secrets));
      return response;
    }),

    update: unary<provproto.UpdateRequest, provproto.UpdateResponse>(async (request) => {
      const news = fromStruct(request.getNews());
      const { outs } = await resourceOf(request).update(
        request.getId(),
        fromStruct(request.getOlds()).props,
        news.props,
      );
      const response = new provproto.UpdateResponse();
      response.setProperties(toStruct(outs, news.secrets));
      return response;
    }),

    delete: unary<provproto.DeleteRequest, EmptyPb.Empty>(async (request) => {
      await resourceOf(request).delete(request.getId(), fromStruct(request.getProperties()).props);
      return new emptyproto.Empty();
    }),

    invoke: unary<provproto.InvokeRequest, provproto.InvokeResponse>(async (request) => {
      const lookup = lookups[request.getTok()];
      if (!lookup)
        throw new Error(
          `The hapn provider has no function ${request.getTok()}; it serves ${Object.keys(lookups).join(", ")}`,
        );
      const result = await lookup.run(providerApi(), fromStruct(request.getArgs()).props).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(message.startsWith("hapn.") ? message : `hapn.${lookup.name}: ${message}`);
      });
      const response = new provproto.InvokeResponse();
      response.setReturn(toStruct(result as object));
      return response;
    }),

    /**
     * The engine cancels (Ctrl-C, a cancelled CI job): no request leaves this process any more. What was sent
     * finishes; what was not fails naming the cancel, so a fleet's write records what it applied (PartialWrite).
     */
    cancel: unary<EmptyPb.Empty, EmptyPb.Empty>(() => {
      cancelCalls(CANCEL_REASON);
      return new emptyproto.Empty();
    }),
  };
}

/** Largest message the server takes (a DeviceFleet's state can be large), as the SDK's own hosts allow. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** A running plugin server: the port it listens on, and how to stop it (tests; the engine kills the process). */
export interface RunningPlugin {
  port: number;
  stop(): void;
}

/**
 * Starts the plugin's server on a free loopback port; the engine reads the port from the first line of stdout.
 * Messages for the user go to the engine at `engineAddress`.
 */
export async function servePlugin(engineAddress: string | undefined): Promise<RunningPlugin> {
  if (engineAddress) {
    useEngine(engineAddress);
    // Stop sending once the engine is gone (a SIGKILLed CLI), as the dynamic provider does.
    watchEngine(engineAddress);
  }
  const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_MESSAGE_BYTES });
  server.addService(provrpc.ResourceProviderService, pluginService() as GrpcJs.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  return { port, stop: () => server.forceShutdown() };
}
