import type { ExitName } from "../errors.js";

/** The exit codes of send-sms and send-email, as their `--help` lists them. */
export const SEND_EXITS: Partial<Record<ExitName, string | true>> = {
  ok: "the supervisor answered (--webhook: a 2xx; in load mode: every event)",
  failure:
    "the supervisor answered `error` (--webhook: not a 2xx, or TwiML Twilio would reject);\nin load mode, failures of more than one kind",
  usage: true,
  connect: true,
  auth: true,
  timeout: true,
  lost: "the connection was lost after it was made (connection_lost): an event may have reached\nthe supervisor; it is not re-sent. Load mode stops there (see --reconnect)",
  interrupted: "load mode: stopped by Ctrl-C (or SIGTERM, SIGHUP); the summary covers the events sent",
};

/** An option error of a send command: nothing has been sent yet. */
export const SEND_OPTIONS_HINT = "See --help for the options; nothing was sent.";
