/**
 * Modules the plugin's server takes from the installed `@pulumi/pulumi`: its gRPC library and protobuf runtime,
 * resolved from the SDK's own folder so the messages and the stubs of `@pulumi/pulumi/proto` are built by the same
 * copies the stubs use (a second copy of google-protobuf or grpc-js elsewhere in node_modules would not do).
 */
import type * as GrpcJs from "@grpc/grpc-js";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as AnyPb from "google-protobuf/google/protobuf/any_pb";

/** `id` as `@pulumi/pulumi` resolves it. */
function fromSdk<T>(id: string): T {
  return require(require.resolve(id, { paths: [require.resolve("@pulumi/pulumi")] })) as T;
}

/** `@grpc/grpc-js`, as the SDK's stubs use it. */
export const grpc = fromSdk<typeof GrpcJs>("@grpc/grpc-js");
/** google.protobuf.Struct and friends. */
export const structproto = fromSdk<typeof StructPb>("google-protobuf/google/protobuf/struct_pb");
/** google.protobuf.Empty. */
export const emptyproto = fromSdk<typeof EmptyPb>("google-protobuf/google/protobuf/empty_pb");
/** google.protobuf.Any. */
export const anyproto = fromSdk<typeof AnyPb>("google-protobuf/google/protobuf/any_pb");
