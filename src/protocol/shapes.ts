import { type FieldKind, RUST_VARIANTS } from "./variants.js";

/** A variant's fields in declaration order, and each field's kind by name. */
export interface VariantShape {
  fields: readonly (readonly [string, FieldKind])[];
  kinds: ReadonlyMap<string, FieldKind>;
  /** The field names in order when every field is a required string (`sms_received`, `auth`, …). */
  strings?: readonly string[];
}

export const NO_FIELDS: VariantShape = { fields: [], kinds: new Map() };

let shapes: ReadonlyMap<string, VariantShape> | undefined;

/**
 * Each Rust variant's fields, listed once (built on first use, not at import): a profile of the SMS
 * message put 20% of the parse in looking them up per message (Object.entries and a linear find per key).
 */
export function variantShapes(): ReadonlyMap<string, VariantShape> {
  shapes ??= new Map(
    Object.entries(RUST_VARIANTS).map(([tag, variant]) => {
      const fields = Object.entries(variant as Record<string, FieldKind>);
      const strings = fields.every(([, kind]) => kind === "string")
        ? fields.map(([name]) => name)
        : undefined;
      return [tag, { fields, kinds: new Map(fields), strings }];
    }),
  );
  return shapes;
}
