import * as z from "zod";

import { type FieldKind, PRIORITIES, RUST_VARIANTS, type RustMessageType } from "./variants.js";

export { type FieldKind, PRIORITIES, RUST_VARIANTS, type RustMessageType } from "./variants.js";

const TYPES = Object.keys(RUST_VARIANTS) as RustMessageType[];
export const RUST_MESSAGE_TYPES: readonly string[] = TYPES;

const ZOD_KINDS = {
  string: z.string(),
  priority: z.enum(PRIORITIES).optional(),
  optionalString: z.string().nullish(),
  optionalValue: z.unknown().optional(),
  optionalI32: z
    .int()
    .min(-(2 ** 31))
    .max(2 ** 31 - 1)
    .nullish(),
} as const;
type Variants = typeof RUST_VARIANTS;
type Shape<T extends RustMessageType> = { type: z.ZodLiteral<T> } & {
  -readonly [F in keyof Variants[T]]: (typeof ZOD_KINDS)[Variants[T][F] & FieldKind];
};
export type MessageOf<T extends RustMessageType> = z.infer<z.ZodObject<Shape<T>>>;

/** The zod schema the client validates a message with before sending it: the same Rust types as the table. */
export function messageSchema<T extends RustMessageType>(type: T): z.ZodObject<Shape<T>> {
  const fields = Object.entries(RUST_VARIANTS[type]).map(([name, kind]) => [
    name,
    ZOD_KINDS[kind as FieldKind],
  ]);
  return z.object({ type: z.literal(type), ...Object.fromEntries(fields) }) as unknown as z.ZodObject<
    Shape<T>
  >;
}

/** Our extension: subscribe to the traffic feed. The Rust server answers it with a format error. */
export const MonitorMessage = z.object({ type: z.literal("monitor") });

/** Every message type the Rust supervisor knows, in its declaration order. */
export const RUST_MESSAGE_SCHEMAS = TYPES.map(messageSchema);

export type ClientMessage = { [T in RustMessageType]: MessageOf<T> }[RustMessageType] | { type: "monitor" };
export type ClientMessageType = ClientMessage["type"];
export const ClientMessage: z.ZodType<ClientMessage> = z.discriminatedUnion("type", [
  ...(RUST_MESSAGE_SCHEMAS as unknown as [z.ZodObject<Shape<"auth">>]),
  MonitorMessage,
]) as z.ZodType<ClientMessage>;
export type AuthMessage = MessageOf<"auth">;
export type InjectSuggestionMessage = MessageOf<"inject_suggestion">;
export type SmsReceivedMessage = MessageOf<"sms_received">;
export type EmailReceivedMessage = MessageOf<"email_received">;

const required = (field: string) =>
  z.string({ error: (i) => (i.input === undefined ? `${field} is required` : `${field} must be a string`) });
const nonBlank = (field: string) =>
  required(field).refine((s) => s.trim().length > 0, `${field} must not be empty`);

/** What a caller of `sendSmsEvent` must give: every field a non-empty string. */
export const SmsEventInput = z.object({
  from: nonBlank("from"),
  to: nonBlank("to"),
  message: nonBlank("message"),
  user: nonBlank("user"),
});
/** What a caller of `sendEmailEvent` must give: every field a non-empty string. */
export const EmailEventInput = z.object({
  from: nonBlank("from"),
  to: nonBlank("to"),
  subject: nonBlank("subject"),
  body: nonBlank("body"),
  user: nonBlank("user"),
});
export type SmsEventInput = z.infer<typeof SmsEventInput>;
export type EmailEventInput = z.infer<typeof EmailEventInput>;
