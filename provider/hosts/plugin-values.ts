/**
 * Property values between the plugin's gRPC messages and the kernel: the engine's secret wrappers taken off (the
 * kernel sees plain values) and put back on the same top-level properties of what the plugin answers, since a
 * provider that accepts secrets must return them marked itself. Unknown values stay the preview's sentinel string,
 * which the kernel already treats as not known yet.
 */
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import { structproto } from "./sdk-modules";
import type { Props } from "../kind/definition";

/** The key and signature that mark a secret value in the engine's property encoding. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when `value` is the engine's secret wrapper. */
export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
}

/** `value` as the engine marks a secret. */
export function secretValue(value: unknown): Props {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** `value` with every secret wrapper inside it replaced by the value it wraps. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** True when `value` is or holds a secret. */
function holdsSecret(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(SECRET_SIG);
}

/** A message's properties, plain, and the names of the top-level ones that were or held secrets. */
export interface PlainProps {
  props: Props;
  secrets: string[];
}

/** The properties of `struct` (none when absent), secrets unwrapped and remembered by name. */
export function fromStruct(struct: StructPb.Struct | undefined): PlainProps {
  const raw = (struct?.toJavaScript() ?? {}) as Props;
  return {
    props: unwrapSecrets(raw) as Props,
    secrets: Object.keys(raw).filter((k) => holdsSecret(raw[k])),
  };
}

/** `props` as a message's Struct, each property named in `secrets` marked secret; undefined values left out. */
export function toStruct(props: object, secrets: readonly string[] = []): StructPb.Struct {
  const plain = JSON.parse(JSON.stringify(props)) as Props;
  for (const key of secrets) if (key in plain) plain[key] = secretValue(plain[key]);
  return structproto.Struct.fromJavaScript(plain as Record<string, StructPb.JavaScriptValue>);
}
