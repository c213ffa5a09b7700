/**
 * A failed operation of the plugin as the engine must hear it. A create or update that did something and then
 * failed (an initialization failure: ../kind/outcomes.ts) carries `ErrorResourceInitFailed` in the status details,
 * so the engine records what was applied; anything else is its message alone (the kernel's and client's messages
 * never carry a secret).
 */
import type * as GrpcJs from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { toStruct } from "./plugin-values";
import { anyproto, grpc } from "./sdk-modules";

/** An error thrown by a kind, as its fields may be. */
interface KindError {
  message?: string;
  id?: string;
  properties?: object;
  reasons?: string[];
}

/** `error` as the gRPC status the engine reads. */
export function grpcError(error: unknown): Partial<GrpcJs.StatusObject> {
  const e = (error instanceof Error ? error : new Error(String(error))) as Error & KindError;
  const metadata = new grpc.Metadata();
  if (e.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(toStruct(e.properties ?? {}));
    detail.setReasonsList(e.reasons ?? []);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(e.message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: e.message, metadata };
}
