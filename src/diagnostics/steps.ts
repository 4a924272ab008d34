import { checkConfiguration } from "./checks/configuration.js";
import { checkDns, checkTcp, checkUrl } from "./checks/network.js";
import { checkAuthEnforcement, checkEmailRoundTrip, checkSmsRoundTrip } from "./checks/round-trips.js";
import { checkAuth, checkHandshake, checkPing } from "./checks/websocket.js";
import type { CheckOutcome, DoctorContext } from "./types.js";

/** One step of the doctor: a check, and the earlier steps without which it means nothing. */
export interface DoctorStep {
  id: string;
  title: string;
  needs: readonly string[];
  /** Skipped on purpose when the doctor runs with `events: false` (`--no-events`). */
  event?: boolean;
  run: (ctx: DoctorContext) => Promise<CheckOutcome>;
}

/** Steps 1 to 10, in order. The summary (11) is the report's. */
export const DOCTOR_STEPS: readonly DoctorStep[] = [
  { id: "config", title: "Configuration", needs: [], run: checkConfiguration },
  { id: "url", title: "URL", needs: ["config"], run: checkUrl },
  { id: "dns", title: "DNS", needs: ["url"], run: checkDns },
  { id: "tcp", title: "TCP", needs: ["dns"], run: checkTcp },
  { id: "handshake", title: "WebSocket handshake", needs: ["tcp"], run: checkHandshake },
  { id: "ping", title: "Ping", needs: ["handshake"], run: checkPing },
  { id: "auth", title: "Auth", needs: ["handshake"], run: checkAuth },
  { id: "auth_enforcement", title: "Auth enforcement", needs: ["handshake"], run: checkAuthEnforcement },
  { id: "sms_round_trip", title: "SMS round trip", needs: ["auth"], event: true, run: checkSmsRoundTrip },
  {
    id: "email_round_trip",
    title: "Email round trip",
    needs: ["auth"],
    event: true,
    run: checkEmailRoundTrip,
  },
];
