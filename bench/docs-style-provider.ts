/**
 * Variant C of the bench: a Hapn provider written the way the Pulumi docs' dynamic-provider examples are (a token
 * request per operation, a GET per read, the code serialized by value into state). It exists only as the
 * comparison; the bench copies this file into C's project folder. It is not part of the package.
 */
import type * as pulumi from "@pulumi/pulumi";
import { BenchTracker, type BenchTrackerArgs } from "./floor-provider";

interface Connection {
  apiUrl?: string;
  authUrl?: string;
  clientId?: string;
  clientSecret?: string;
}

interface TrackerOutputs {
  imei: string;
  name: string;
  color: string;
}

// Filled by `configure` in the provider process.
const connection: Connection = {};

async function token(): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: connection.clientId ?? "",
    client_secret: connection.clientSecret ?? "",
  });
  const res = await fetch(connection.authUrl ?? "", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  if (!res.ok) throw new Error(`token request: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function call(bearer: string, method: string, imei: string, patch?: object): Promise<TrackerOutputs> {
  const res = await fetch(`${connection.apiUrl}/devices/${imei}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: patch && JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`${method} /devices/${imei}: HTTP ${res.status}`);
  const device = ((await res.json()) as { result: TrackerOutputs }).result;
  return { imei: device.imei, name: device.name, color: device.color };
}

const docsStyleProvider: pulumi.dynamic.ResourceProvider<BenchTrackerArgs, TrackerOutputs> = {
  async configure(req) {
    connection.apiUrl = req.config.require("hapn:apiUrl");
    connection.authUrl = req.config.require("hapn:authUrl");
    connection.clientId = req.config.require("hapn:clientId");
    connection.clientSecret = req.config.require("hapn:clientSecret");
  },
  async create(inputs) {
    const bearer = await token();
    const device = await call(bearer, "GET", inputs.imei);
    const changed = device.name !== inputs.name || device.color !== inputs.color;
    const outs = changed
      ? await call(bearer, "PATCH", inputs.imei, { name: inputs.name, color: inputs.color })
      : device;
    return { id: inputs.imei, outs };
  },
  async read(id) {
    const props = await call(await token(), "GET", id);
    return { id, props };
  },
  async diff(_id, olds, news) {
    return {
      changes: olds.name !== news.name || olds.color !== news.color,
      replaces: olds.imei === news.imei ? [] : ["imei"],
    };
  },
  async update(id, _olds, news) {
    return { outs: await call(await token(), "PATCH", id, { name: news.name, color: news.color }) };
  },
};

/** One docs-style resource per tracker, with the floor's three outputs. */
export class DocsStyleTracker extends BenchTracker {
  constructor(name: string, args: BenchTrackerArgs, opts?: pulumi.CustomResourceOptions) {
    super(docsStyleProvider, "DocsStyleTracker", name, args, opts);
  }
}
