import * as z from "zod";

// The scenario file format (docs/scenarios.md). Every object is strict, so a misspelt key is an
// error that names it instead of an assertion that silently never runs.

const text = z.string();
const ms = (max: number) =>
  z
    .number()
    .int("must be a whole number of milliseconds")
    .min(0, "must be 0 or more")
    .max(max, `must be at most ${max}`);

/** A field matcher: a plain value is `equals`. */
export const Matcher = z.union([
  z.strictObject({ equals: z.unknown() }),
  z.strictObject({ contains: text }),
  z.strictObject({ matches: text }),
  z.strictObject({ absent: z.literal(true) }),
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.unknown()),
]);
export type Matcher = z.infer<typeof Matcher>;

/** What a reply (or a broadcast) must look like: `type` (one or a list), `within_ms`, field matchers. */
export const Expectation = z.looseObject({
  type: z.union([text, z.array(text).min(1, "must list at least one type")]).optional(),
  within_ms: ms(600_000).optional(),
});
export type Expectation = { type?: string | string[]; within_ms?: number; [field: string]: unknown };

export const SmsAction = z.strictObject({ from: text, to: text, user: text, message: text });
export const EmailAction = z.strictObject({ from: text, to: text, subject: text, body: text, user: text });
/** A raw message: a JSON object, or a string sent as the text frame itself (malformed frames). */
export const RawAction = z.union([z.looseObject({ type: text }), text]);
/** `auth: {}` (or `auth: true`) sends the configured token; `auth: { token: x }` sends x. */
export const AuthAction = z.union([z.literal(true), z.strictObject({ token: text.optional() })]);

/** The keys a step may have besides its one action. */
export const STEP_COMMON = {
  client: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "must be a name of letters, digits, _ or -")
    .optional(),
  expect: Expectation.optional(),
  capture: z.record(z.string().regex(/^[A-Za-z_]\w*$/, "must be a variable name"), text).optional(),
  repeat: z.number().int("must be a whole number").min(1, "must be at least 1").max(10_000).optional(),
  concurrent: z.boolean().optional(),
};

export const ACTIONS = ["send_sms", "send_email", "send", "auth", "expect_broadcast", "wait_ms"] as const;
export type ActionName = (typeof ACTIONS)[number];

export type Step =
  | (StepBase & { action: "send_sms"; payload: z.infer<typeof SmsAction> })
  | (StepBase & { action: "send_email"; payload: z.infer<typeof EmailAction> })
  | (StepBase & { action: "send"; payload: z.infer<typeof RawAction> })
  | (StepBase & { action: "auth"; payload: { token?: string } })
  | (StepBase & { action: "expect_broadcast"; payload: Expectation })
  | (StepBase & { action: "wait_ms"; payload: number });

export interface StepBase {
  /** 1-based line of the step in its file (0 for built-in scenarios). */
  line: number;
  client: string;
  expect?: Expectation;
  capture?: Record<string, string>;
  repeat: number;
  concurrent: boolean;
}

export const ClientSettings = z.strictObject({
  auth: z.boolean().optional(),
  token: text.optional(),
});

export const ScenarioHead = z.strictObject({
  name: z.string().trim().min(1, "must not be empty"),
  description: text.optional(),
  /** Default true: each client authenticates with the configured token when it connects. */
  auth: z.boolean().optional(),
  clients: z.record(z.string(), ClientSettings).optional(),
  steps: z.array(z.unknown()).min(1, "must have at least one step"),
});

export interface Scenario {
  name: string;
  description?: string;
  /** Where it was read from, or `built-in`. */
  file: string;
  line: number;
  auth: boolean;
  clients: Record<string, { auth?: boolean; token?: string }>;
  steps: Step[];
}

export const ACTION_SCHEMAS: Record<ActionName, z.ZodType> = {
  send_sms: SmsAction,
  send_email: EmailAction,
  send: RawAction,
  auth: AuthAction,
  expect_broadcast: Expectation,
  wait_ms: ms(600_000),
};
