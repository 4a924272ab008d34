import type { Category } from "../state/event-model.js";

/** Ink/chalk colour names. */
export type Colour = "green" | "cyan" | "blue" | "magenta" | "yellow" | "red" | "gray" | "white";

export interface CategoryStyle {
  icon: string;
  colour: Colour;
  /** At most 5 characters, for the type column. */
  label: string;
}

/** Colour, icon and short label per category (single-width characters, so columns line up). */
export const THEME: Record<Category, CategoryStyle> = {
  sms: { icon: "☎", colour: "cyan", label: "sms" },
  email: { icon: "✉", colour: "blue", label: "email" },
  ack: { icon: "✓", colour: "green", label: "ack" },
  ai: { icon: "★", colour: "magenta", label: "ai" },
  error: { icon: "✗", colour: "red", label: "error" },
  broadcast: { icon: "◆", colour: "yellow", label: "bcast" },
  control: { icon: "·", colour: "gray", label: "ctrl" },
  ping: { icon: "·", colour: "gray", label: "ping" },
  other: { icon: "•", colour: "white", label: "other" },
  unknown: { icon: "?", colour: "red", label: "???" },
};

/** Direction arrows: `→` a client's frame to the supervisor, `←` the supervisor's frame to a client. */
export const ARROW = { in: "→", out: "←" } as const;
