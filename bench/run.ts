/**
 * `npm run bench`: measures, side by side in one run against the emulator (real HTTP on loopback, with latency),
 * what a refresh of many devices costs with and without the provider's batched reads, and what the client's
 * concurrency limit buys. Prints request counts, wall times and their ratios; rerun it to compare.
 *
 *   BENCH_DEVICES (default 500)  BENCH_LATENCY_MS (default 15)  BENCH_PARALLEL (default 8, the engine's default
 *   on 2 cores: 4 × GOMAXPROCS)
 */
import { startEmulator } from "../emulator";
import { HapnClient } from "../provider/client";
import { DeviceReader } from "../provider/device-reader";
import { type Device } from "../provider/types";

const N = Number(process.env.BENCH_DEVICES ?? 500);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 15);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 8);

interface Row {
  name: string;
  requests: number;
  ms: number;
}

/** Reads every IMEI the way the engine's refresh does: PARALLEL reads in flight at a time. */
async function refreshLike(imeis: string[], read: (imei: string) => Promise<Device | undefined>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < imeis.length) {
      const imei = imeis[next++];
      if (!(await read(imei))) throw new Error(`device ${imei} not found`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

async function measure(
  name: string,
  emu: Awaited<ReturnType<typeof startEmulator>>,
  options: { concurrency: number },
  run: (client: HapnClient) => Promise<void>,
): Promise<Row> {
  const client = new HapnClient({
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    authUrl: emu.authUrl,
    apiUrl: emu.apiUrl,
    concurrency: options.concurrency,
  });
  emu.admin.resetCounters();
  const start = process.hrtime.bigint();
  await run(client);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { name, requests: emu.admin.counters().apiRequests, ms };
}

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0, devices: N, seed: 11, latencyMs: LATENCY });
  try {
    const imeis = emu.admin.listDevices().map((d) => d.imei);
    console.log(`bench: refresh of ${N} devices, ${LATENCY} ms emulator latency, ${PARALLEL} reads in flight`);
    const rows: Row[] = [];
    rows.push(
      await measure("single GET per device (concurrency 8)", emu, { concurrency: 8 }, (c) =>
        refreshLike(imeis, (imei) => c.getDevice(imei)),
      ),
    );
    rows.push(
      await measure("batched reads (DeviceReader)", emu, { concurrency: 8 }, (c) => {
        const reader = new DeviceReader(c);
        return refreshLike(imeis, (imei) => reader.get(imei));
      }),
    );
    rows.push(
      await measure("single GET per device (concurrency 1)", emu, { concurrency: 1 }, (c) =>
        refreshLike(imeis, (imei) => c.getDevice(imei)),
      ),
    );
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) {
      console.log(
        `  ${r.name.padEnd(width)}  ${String(r.requests).padStart(6)} requests  ${r.ms.toFixed(0).padStart(7)} ms`,
      );
    }
    const [single, batched, serial] = rows;
    console.log(`ratios (same run):`);
    console.log(`  API requests, single GETs / batched:      ${(single.requests / batched.requests).toFixed(1)}x`);
    console.log(`  wall time, single GETs / batched:         ${(single.ms / batched.ms).toFixed(1)}x`);
    console.log(`  wall time, concurrency 1 / concurrency 8: ${(serial.ms / single.ms).toFixed(1)}x`);
  } finally {
    await emu.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
