#!/usr/bin/env node
/** The `hapn-drift` command (see drift/main.ts). */
import { hapnDrift } from "./drift/main";

hapnDrift(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then((code) => (process.exitCode = code));
