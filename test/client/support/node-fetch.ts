/** node-fetch typed as the client's {@link FetchFunction}, for tests that wrap the real fetch. */
import nodeFetch from "node-fetch";
import type { FetchFunction } from "../../../provider/client";

/** The real node-fetch, as the client calls it. */
export const realFetch = nodeFetch as unknown as FetchFunction;
