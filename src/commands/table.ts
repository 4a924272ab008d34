import type { Command } from "commander";
import type { AnyCommandDefinition } from "./define-command.js";

/**
 * One command of the program, as the top-level `--help` lists it, and how to load its definition.
 * The definition (options, help, action) loads only when the command runs or its help is asked for,
 * so that `xswarm-dev send-sms` does not build the other seven commands' ~100 options and `--help`
 * builds none. The description is the command's own (its definition has none); test/commands/table.test.ts
 * holds `term` to the definitions.
 */
export type CommandEntry = {
  name: string;
  /** As the top-level help shows it: name, `[options]` and the arguments. */
  term: string;
  description: string;
  /** Its help reads every other command (completion scripts list all flags). */
  readsAll?: boolean;
} & (
  | {
      /** Its definition (./define-command.ts), which a plain line runs without commander. */
      define(): Promise<AnyCommandDefinition>;
    }
  | {
      /** A command that only commander can build (it reads the program). */
      command(): Promise<Command>;
    }
);

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "send-sms",
    term: "send-sms [options] [text]",
    description: "Send a simulated inbound SMS (sms_received) to the supervisor and show the reply",
    define: async () => (await import("./send-sms.js")).sendSmsCommand(),
  },
  {
    name: "send-email",
    term: "send-email [options]",
    description: "Send a simulated inbound email (email_received) to the supervisor and show the reply",
    define: async () => (await import("./send-email.js")).sendEmailCommand(),
  },
  {
    name: "doctor",
    term: "doctor [options]",
    description: "Diagnose the supervisor link step by step (config, network, handshake, auth, events)",
    define: async () => (await import("./doctor.js")).doctorCommand(),
  },
  {
    name: "watch",
    term: "watch [options]",
    description: "Live dashboard of supervisor traffic; send simulated SMS and email from the keyboard",
    define: async () => (await import("./watch.js")).watchCommand(),
  },
  {
    name: "supervisor",
    term: "supervisor [options]",
    description: "Run a dev supervisor that speaks the Rust supervisor's protocol (no cargo needed)",
    define: async () => (await import("./supervisor.js")).supervisorCommand(),
  },
  {
    name: "tap",
    term: "tap [options]",
    description: "Transparent recording proxy in front of a supervisor (e.g. the Rust one)",
    define: async () => (await import("./tap.js")).tapCommand(),
  },
  {
    name: "test",
    term: "test [options] [paths...]",
    description: "Run conversation scenarios against the supervisor and check its answers",
    define: async () => (await import("./test.js")).testCommand(),
  },
  {
    name: "completion",
    term: "completion <shell>",
    description: "Print a shell completion script (bash, zsh or fish)",
    readsAll: true,
    command: async () => (await import("./completion.js")).completionCommand(),
  },
];

/**
 * The commands whose definitions a run needs: each one named anywhere in the arguments (more than
 * commander can dispatch to: `help send-sms`, or a message that reads "doctor", load one more, which
 * changes nothing but the time), and all of them for one that reads all.
 */
export function commandsNeeded(args: readonly string[]): Set<string> {
  const named = COMMANDS.filter((entry) => args.includes(entry.name));
  const all = named.some((entry) => entry.readsAll);
  return new Set((all ? COMMANDS : named).map((entry) => entry.name));
}
