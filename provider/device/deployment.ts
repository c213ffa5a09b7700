/**
 * What the provider process remembers about trackers during one deployment: which ones a resource adopted, and
 * which ones a DeviceFleet is releasing. The engine runs a fleet's update beside the creates of the resources a
 * tracker moves to, so a release (restoring labels) and an adoption (reading, then writing labels) of one tracker
 * can interleave: {@link adopting} and {@link releasing} order them, whichever starts first.
 */
import { kindState } from "../process-state";

/** The deployment's record in the process state. */
interface DeviceDeployment {
  /** IMEIs a resource of this process adopts or adopted (a delete or release must then not restore labels). */
  adopted: Record<string, true>;
  /** Releases in progress by IMEI, settled when their labels are back. */
  releasing: Record<string, Promise<void>>;
}

/** This deployment's record, created empty on first use. */
export function deviceDeployment(): DeviceDeployment {
  return kindState<DeviceDeployment>("device", () => ({ adopted: {}, releasing: {} }));
}

/**
 * Marks `imeis` as adopted by a resource of this deployment at once (before anything is awaited, so a release that
 * starts later leaves them alone), then waits for any release of them already under way, so the adopter reads the
 * labels the release put back and records those as the originals.
 */
export async function adopting(imeis: readonly string[]): Promise<void> {
  const deployment = deviceDeployment();
  for (const imei of imeis) deployment.adopted[imei] = true;
  const pending = imeis.flatMap((imei) => deployment.releasing[imei] ?? []);
  if (pending.length > 0) await Promise.all(pending);
}

/**
 * Runs `release` on those of `imeis` no resource of this deployment adopts (an adopter that starts later waits for
 * it: see {@link adopting}); the others are left alone, as their new owner's labels are on them.
 */
export function releasing<T>(imeis: readonly string[], release: (free: string[]) => Promise<T>): Promise<T> {
  const deployment = deviceDeployment();
  const free = imeis.filter((imei) => !deployment.adopted[imei]);
  const done = release(free);
  const settled = done.then(
    () => undefined,
    () => undefined,
  );
  for (const imei of free) deployment.releasing[imei] = settled;
  return done;
}
