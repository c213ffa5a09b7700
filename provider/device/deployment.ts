/** What the provider process remembers about Devices during one deployment. */
import { kindState } from "../process-state";

/** The Device's record in the process state. */
interface DeviceDeployment {
  /** IMEIs adopted by a create in this process (a delete of the same IMEI must then not restore labels). */
  adopted: Record<string, true>;
}

/** This deployment's record, created empty on first use. */
export function deviceDeployment(): DeviceDeployment {
  return kindState<DeviceDeployment>("device", () => ({ adopted: {} }));
}
