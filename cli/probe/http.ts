/**
 * The probe's HTTP: one token request, then raw API requests whose answers are kept as they came (status, a few
 * headers, parsed JSON) so that a check can tell an envelope from a gateway error. Every request counts against a
 * fixed budget, and nothing it returns or throws carries the secret or the token.
 */

/** An answer as the probe sees it. */
export interface ProbeAnswer {
  status: number;
  /** The parsed JSON body, or undefined when it was not JSON. */
  json: unknown;
  /** `x-amzn-ErrorType`, when sent. */
  errorType?: string;
}

/** Where and as whom the probe talks. */
export interface ProbeEndpoint {
  apiUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Thrown when the probe cannot go on (no token, network down, budget spent); its message is safe to print. */
export class ProbeStop extends Error {}

/** Sends the probe's requests, counting them against `maxRequests`. */
export class ProbeHttp {
  /** Requests sent so far, the token request included. */
  sent = 0;
  private token?: string;

  constructor(
    private readonly endpoint: ProbeEndpoint,
    readonly maxRequests: number,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Requests a token with the client-credentials grant, as the provider does. */
  async authenticate(): Promise<{ status: number; json: unknown }> {
    const { authUrl, clientId, clientSecret } = this.endpoint;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    });
    const answer = await this.send(authUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: body.toString(),
    });
    const token = (answer.json as { access_token?: unknown } | undefined)?.access_token;
    if (answer.status !== 200 || typeof token !== "string") {
      throw new ProbeStop(`the token endpoint ${authUrl} refused the credentials (HTTP ${answer.status})`);
    }
    this.token = token;
    return answer;
  }

  /** One API request (`path` relative to the API base, query included), with a JSON body when given. */
  async request(method: string, path: string, body?: unknown): Promise<ProbeAnswer> {
    if (this.token === undefined) throw new ProbeStop("no token: authenticate first");
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    return this.send(this.endpoint.apiUrl.replace(/\/+$/, "") + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async send(url: string, init: RequestInit): Promise<ProbeAnswer> {
    if (this.sent >= this.maxRequests) {
      throw new ProbeStop(`request budget of ${this.maxRequests} spent (a bug in the probe: please report it)`);
    }
    this.sent++;
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new ProbeStop(`${init.method} ${new URL(url).origin}${new URL(url).pathname} failed: ${cause}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const errorType = res.headers.get("x-amzn-errortype") ?? undefined;
    return { status: res.status, json, ...(errorType && { errorType }) };
  }
}
