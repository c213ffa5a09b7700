#!/usr/bin/env node
/** The `hapn-export` command (see export/main.ts). */
import { hapnExport } from "./export/main";
import { runCommand } from "./run-command";

runCommand(hapnExport);
