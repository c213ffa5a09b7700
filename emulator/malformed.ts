/**
 * Bodies for the "malformed" fault: a 200 whose JSON is cut off, or an HTML error page, as a misbehaving proxy
 * or load balancer might send.
 */

/** A broken body and the content type it is sent with. */
export interface MalformedBody {
  contentType: string;
  text: string;
}

/** The malformed body of the given kind. */
export function malformedBody(kind: "json" | "html"): MalformedBody {
  return kind === "html"
    ? {
        contentType: "text/html; charset=utf-8",
        text: "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
      }
    : { contentType: "application/json", text: '{"success":true,"message":"OK","result":{"items":[{"imei":"8627' };
}
