/** Replaces `${name}` in every string of `value` (deeply) with the variable's value. */
export function interpolate<T>(value: T, variables: ReadonlyMap<string, string>): T {
  if (typeof value === "string")
    return value.replace(/\$\{([^}]*)\}/g, (whole, name: string) => variables.get(name) ?? whole) as T;
  if (Array.isArray(value)) return value.map((v) => interpolate(v, variables)) as T;
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, variables)])) as T;
  return value;
}

/** A captured value as text: strings as they are, anything else as JSON. */
export function variableText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}
