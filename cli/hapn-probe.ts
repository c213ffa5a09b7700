#!/usr/bin/env node
/** The `hapn-probe` command (see probe/main.ts). */
import { hapnProbe } from "./probe/main";
import { runCommand } from "./run-command";

runCommand(hapnProbe);
