import { parseFast } from "./fast-path.js";
import { type Content, JsonReader, SerdeError } from "./json-reader.js";
import type { ClientMessage } from "./messages.js";
import { invalidType, oneOf } from "./serde-text.js";
import { NO_FIELDS, variantShapes } from "./shapes.js";
import { type FieldKind, PRIORITIES, RUST_VARIANTS } from "./variants.js";

const ENUM = "SupervisorMessage";
const RUST_TYPES = Object.keys(RUST_VARIANTS);

export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; detail: string };

/**
 * Parses a client message exactly as the Rust supervisor does: `serde_json::from_str::<SupervisorMessage>`.
 * On failure `detail` is serde_json's error text, so that `Invalid message format: ${detail}` is the Rust
 * server's answer. `extensions` are unit variants accepted as well but never listed in errors (`monitor`).
 */
export function parseClientMessage(text: string, extensions: readonly string[] = []): ParsedClientMessage {
  // A profile of the SMS message put 60% of the reader's time in building Content and the message
  // byte by byte, and 18% in the garbage collector: the common frame goes through JSON.parse.
  const message = parseFast(text, extensions);
  return message !== undefined ? { ok: true, message } : parseWithReader(text, extensions);
}

/** parseClientMessage with the serde-faithful reader alone, for every frame (the tests compare the two). */
export function parseWithReader(text: string, extensions: readonly string[] = []): ParsedClientMessage {
  const reader = new JsonReader(text);
  try {
    const { tag, content } = readTagged(reader, extensions);
    const fields = variantFields(tag, content);
    if (reader.whitespace() !== undefined) throw reader.peekError("trailing characters");
    return { ok: true, message: message(tag, fields) };
  } catch (error) {
    if (error instanceof SerdeError) return { ok: false, detail: error.toString() };
    throw error;
  }
}

/**
 * serde's TaggedContentVisitor under serde_json's `deserialize_any`: the text is read and buffered, the
 * tag checked as soon as it is met. Its errors carry a position; the variant's field errors, met later
 * in the buffered content, do not.
 */
function readTagged(r: JsonReader, extensions: readonly string[]): { tag: string; content: Content } {
  const c = r.whitespace();
  if (c === undefined) throw r.peekError("EOF while parsing a value");
  const close = c === 0x5b ? 0x5d : 0x7d;
  try {
    if (c !== 0x5b && c !== 0x7b)
      throw new SerdeError(invalidType(r.scalar(), `internally tagged enum ${ENUM}`));
    r.enter();
    const state = { first: true };
    let tag: string | undefined;
    let content: Content;
    try {
      if (c === 0x5b) {
        // The sequence form: the tag first, then the fields in declaration order.
        if (r.nextElement(state)) tag = readTag(r, extensions);
        else throw new SerdeError("missing field `type`");
        const items: Content[] = [];
        while (r.nextElement(state)) items.push(r.value());
        content = { kind: "seq", items };
      } else {
        const entries: [string, Content][] = [];
        for (let key = r.nextKey(state); key !== undefined; key = r.nextKey(state)) {
          if (key === "type" && tag !== undefined) throw new SerdeError("duplicate field `type`");
          r.colon();
          if (key === "type") tag = readTag(r, extensions);
          else entries.push([key, r.value()]);
        }
        if (tag === undefined) throw new SerdeError("missing field `type`");
        content = { kind: "map", entries };
      }
    } catch (error) {
      r.skipEnd(close);
      throw error;
    }
    r.leave();
    r.i += 1;
    return { tag, content };
  } catch (error) {
    throw error instanceof SerdeError ? r.fix(error) : error;
  }
}

/** The variant identifier: serde_json's `deserialize_str`, so anything but a string is an invalid type. */
function readTag(r: JsonReader, extensions: readonly string[]): string {
  const c = r.whitespace();
  if (c === undefined) throw r.peekError("EOF while parsing a value");
  let detail: string;
  if (c === 0x22) {
    r.i += 1;
    const tag = r.string();
    if (Object.hasOwn(RUST_VARIANTS, tag) || extensions.includes(tag)) return tag;
    detail = `unknown variant \`${tag}\`, expected ${oneOf(RUST_TYPES)}`;
  } else if (c === 0x5b || c === 0x7b) {
    detail = `invalid type: ${c === 0x5b ? "sequence" : "map"}, expected variant identifier`;
  } else detail = invalidType(r.scalar(), "variant identifier");
  throw r.fix(new SerdeError(detail));
}

/**
 * The message: the tag, then the variant's fields in the order `out` holds them, leaving out those
 * that are undefined (an absent optional field, or an explicit null).
 */
function message(tag: string, out: Map<string, unknown>): ClientMessage {
  const result: Record<string, unknown> = { type: tag };
  for (const [name, value] of out) if (value !== undefined) result[name] = value;
  return result as ClientMessage;
}

/** The derived Deserialize of the variant's struct, from the buffered content (map or sequence form). */
function variantFields(tag: string, content: Content): Map<string, unknown> {
  const { fields, kinds } = (Object.hasOwn(RUST_VARIANTS, tag) && variantShapes().get(tag)) || NO_FIELDS;
  // A Map, not an object: the same insertion order, without an object shape per message.
  const out = new Map<string, unknown>();
  if (content.kind === "map") {
    const { entries } = content;
    for (let k = 0; k < entries.length; k++) {
      const [key, value] = entries[k] as [string, Content];
      const kind = kinds.get(key);
      if (kind === undefined) continue;
      if (out.has(key)) throw new SerdeError(`duplicate field \`${key}\``);
      out.set(key, field(kind, value));
    }
    if (out.size < fields.length)
      for (const [name, kind] of fields) {
        if (out.has(name)) continue;
        if (kind === "string") throw new SerdeError(`missing field \`${name}\``);
        out.set(name, kind === "priority" ? "normal" : undefined);
      }
  } else if (content.kind === "seq") {
    const { items } = content;
    const elements = (n: number) => `${n} element${n === 1 ? "" : "s"}`;
    fields.forEach(([name, kind], index) => {
      const item = items[index];
      if (item !== undefined) out.set(name, field(kind, item));
      else if (kind === "priority" || kind === "optionalString")
        out.set(name, kind === "priority" ? "normal" : undefined);
      else {
        const variant = tag.replace(/(^|_)([a-z])/g, (_, _s, ch: string) => ch.toUpperCase());
        throw new SerdeError(
          `invalid length ${index}, expected struct variant ${ENUM}::${variant} with ${elements(fields.length)}`,
        );
      }
    });
    if (items.length > fields.length)
      throw new SerdeError(`invalid length ${items.length}, expected ${elements(fields.length)} in sequence`);
  }
  return out;
}

function field(kind: FieldKind, c: Content): unknown {
  if (kind !== "string" && kind !== "priority" && c.kind === "unit") return undefined;
  switch (kind) {
    case "string":
    case "optionalString":
      if (c.kind === "str") return c.value;
      throw new SerdeError(invalidType(c, "a string"));
    case "optionalI32":
      if (c.kind === "u64" || c.kind === "i64") {
        if (c.value >= -(2n ** 31n) && c.value < 2n ** 31n) return Number(c.value);
        throw new SerdeError(`invalid value: integer \`${c.value}\`, expected i32`);
      }
      throw new SerdeError(invalidType(c, "i32"));
    case "optionalValue":
      return toJson(c);
    case "priority":
      return priority(c);
  }
}

/** A unit enum from Content: a string, or a map of one key (the variant) whose value is unit. */
function priority(c: Content): string {
  let variant: string;
  let value: Content | undefined;
  if (c.kind === "str") variant = c.value;
  else if (c.kind === "map") {
    const [only, ...more] = c.entries;
    if (only === undefined || more.length > 0)
      throw new SerdeError("invalid value: map, expected map with a single key");
    [variant, value] = only;
  } else throw new SerdeError(invalidType(c, "string or map"));
  if (!(PRIORITIES as readonly string[]).includes(variant))
    throw new SerdeError(`unknown variant \`${variant}\`, expected ${oneOf(PRIORITIES)}`);
  if (value && value.kind !== "unit" && !(value.kind === "map" && value.entries.length === 0))
    throw new SerdeError(invalidType(value, "unit"));
  return variant;
}

function toJson(c: Content): unknown {
  switch (c.kind) {
    case "unit":
      return null;
    case "u64":
    case "i64":
      return Number(c.value);
    case "seq":
      return c.items.map(toJson);
    case "map":
      return Object.fromEntries(c.entries.map(([k, v]) => [k, toJson(v)]));
    default:
      return c.value;
  }
}
