/**
 * The targets of issue 19 (ten thousand trackers in one `DeviceFleet`), checked against the fleet variant F's rows
 * so RESULTS.md says plainly which are met. The time targets are about N = 10,000, the size the issue names (at a
 * small N the CLI's start-up, not the fleet, is what a time measures); requests, state and memory hold at any N.
 */
import { CLIENT_DEFAULTS } from "../provider/client/options";
import type { BenchOptions } from "./options";
import type { Row, VariantFigures } from "./summary";
import type { TargetCheck } from "./targets";

/** The size the time targets are about. */
export const FLEET_TARGET_SIZE = 10_000;
/** The slowest a drift check or a no-op `up` of {@link FLEET_TARGET_SIZE} trackers may be. */
export const FLEET_QUICK_LIMIT_MS = 15_000;
/** How far above the API floor an `up` from empty may be. */
export const UP_FLOOR_FACTOR = 1.2;
/** The most state bytes per tracker. */
export const STATE_BYTES_PER_TRACKER = 300;
/** The most resident memory of the program process and of the provider process, each. */
export const PEAK_MIB = 500;

/**
 * The least time `size` writes can take: each waits `latencyMs` for its answer, and the client keeps at most
 * `concurrency` of them in flight (provider/client/options.ts, the default the bench's stacks run with).
 */
export function apiFloorMs(size: number, latencyMs: number, concurrency: number = CLIENT_DEFAULTS.concurrency): number {
  return (size * latencyMs) / concurrency;
}

/** Every request of an operation the emulator counted: API calls and token requests. */
function requests(f: VariantFigures): number {
  return f.apiRequests + f.tokenRequests;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Checks the issue-19 targets for every size the fleet variant ran at (the `up` time target is left out when the
 * `up`s ran with `--fast-up`, which it is not about). `stateBytes` is the results' state size per tracker.
 */
export function checkFleetTargets(
  rows: Row[],
  stateBytes: Record<string, Partial<Record<string, number>>>,
  options: Pick<BenchOptions, "fastUp" | "latencyMs">,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, measured: string, met: boolean) => checks.push({ target, measured, met });
  const sizes = [...new Set(rows.filter((r) => r.variants.F).map((r) => r.size))];
  for (const size of sizes) {
    const f = (op: Row["operation"]) => rows.find((r) => r.size === size && r.operation === op)?.variants.F;
    const others = Math.ceil(size / 1000) + 1;
    const timed = size === FLEET_TARGET_SIZE;
    const drift = f("refresh");
    if (drift) {
      add(`F drift check, N=${size}: requests ≤ ⌈N/1000⌉ + 1`, String(requests(drift)), requests(drift) <= others);
      if (timed) add(`F drift check, N=${size}: < 15 s`, sec(drift.medianMs), drift.medianMs < FLEET_QUICK_LIMIT_MS);
    }
    const up = f("up");
    if (up) {
      const rest = requests(up) - up.patches;
      add(
        `F \`up\` from empty, N=${size}: N writes + ≤ ⌈N/1000⌉ + 1 other requests`,
        `${up.patches} writes + ${rest}`,
        up.patches === size && rest <= others,
      );
      if (timed && !options.fastUp) {
        const floor = apiFloorMs(size, options.latencyMs);
        add(
          `F \`up\` from empty, N=${size}: ≤ ${UP_FLOOR_FACTOR} × API floor (N × ${options.latencyMs} ms / ` +
            `${CLIENT_DEFAULTS.concurrency} = ${sec(floor)})`,
          `${sec(up.medianMs)} (${(up.medianMs / floor).toFixed(2)}×)`,
          up.medianMs <= UP_FLOOR_FACTOR * floor,
        );
      }
    }
    const noop = f("noop");
    if (noop && timed)
      add(`F no-op \`up\`, N=${size}: < 15 s`, sec(noop.medianMs), noop.medianMs < FLEET_QUICK_LIMIT_MS);
    const bytes = stateBytes[String(size)]?.F;
    if (bytes !== undefined)
      add(
        `F state, N=${size}: ≤ ${STATE_BYTES_PER_TRACKER} bytes per tracker`,
        bytes.toFixed(0),
        bytes <= STATE_BYTES_PER_TRACKER,
      );
    const measured = rows.filter((r) => r.size === size && r.variants.F).map((r) => r.variants.F!);
    for (const role of ["program", "provider"] as const) {
      const peak = Math.max(...measured.map((m) => (role === "program" ? m.programPeakMiB : m.providerPeakMiB)));
      add(`F ${role} peak RSS, N=${size}: ≤ ${PEAK_MIB} MiB`, `${peak.toFixed(0)} MiB`, peak <= PEAK_MIB);
    }
  }
  return checks;
}
