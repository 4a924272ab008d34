export { checkConfiguration, configWarnings, isLoopback } from "./checks/configuration.js";
export { checkDns, checkTcp, checkUrl } from "./checks/network.js";
export {
  checkAuthEnforcement,
  checkEmailRoundTrip,
  checkSmsRoundTrip,
  DOCTOR_USER,
} from "./checks/round-trips.js";
export { checkAuth, checkHandshake, checkPing } from "./checks/websocket.js";
export { ALL_PASSED, renderCheck, renderReport, renderSummary, reportJson, summarise } from "./report.js";
export { runDoctor } from "./runner.js";
export { DOCTOR_STEPS, type DoctorStep } from "./steps.js";
export type * from "./types.js";
