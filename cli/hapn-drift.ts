#!/usr/bin/env node
/** The `hapn-drift` command (see drift/main.ts). */
import { hapnDrift } from "./drift/main";
import { runCommand } from "./run-command";

runCommand(hapnDrift);
