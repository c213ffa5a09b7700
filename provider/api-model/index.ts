/**
 * Our model of the Hapn API: its routes, the shapes on the wire, the IMEI rules, the rules of its writable fields
 * and the JSON helpers that read it. Much of it is guessed (docs/api-guesses.md is its prose, docs/hapn-api-notes.md
 * what is known), and every guess lives here, once: the client calls these routes and parses these shapes, the
 * resource kinds check these rules at preview, and the emulator serves and enforces exactly the same. Nothing
 * here knows Pulumi or the client, so the emulator depends on this module and on nothing else of the provider
 * (eslint.config.mjs enforces it).
 */
export * from "./dialect";
export * from "./field-rules";
export * from "./geometry";
export * from "./imei";
export * from "./json";
export * from "./routes";
export * from "./wire-types";
