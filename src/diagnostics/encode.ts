import type { ClientMessage } from "../protocol/messages.js";
import { type FieldKind, PRIORITIES, RUST_VARIANTS } from "../protocol/variants.js";

const fits = (kind: FieldKind, v: unknown): boolean => {
  if (kind === "string") return typeof v === "string";
  if (kind === "priority") return (PRIORITIES as readonly unknown[]).includes(v);
  if (kind === "optionalString") return v === null || typeof v === "string";
  if (kind === "optionalValue") return v !== undefined;
  return v === null || (Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31);
};

/**
 * The message as parse.ts's `encodeMessage` writes it, without zod (~19 ms to import on every
 * `doctor`) when it has exactly its variant's keys in order, each of the right kind (zod's copy of
 * such an object is equal to it); else zod's schemas load, validate and word the error.
 */
export function encodeMessage(message: ClientMessage): string | Promise<string> {
  const variant = (RUST_VARIANTS as Record<string, Record<string, FieldKind>>)[message.type];
  if (variant !== undefined && Object.getPrototypeOf(message) === Object.prototype) {
    const fields = Object.entries(variant);
    let i = -1;
    let fine = true;
    for (const [key, value] of Object.entries(message)) {
      if (i === -1) fine = key === "type";
      else {
        while (fields[i] !== undefined && fields[i]?.[0] !== key && fields[i]?.[1] !== "string") i++;
        const field = fields[i];
        fine = field !== undefined && field[0] === key && fits(field[1], value);
      }
      if (!fine) break;
      i++;
    }
    if (fine && fields.slice(i).every(([, kind]) => kind !== "string")) return JSON.stringify(message);
  }
  return import("../protocol/parse.js").then((parse) => parse.encodeMessage(message));
}
