import { describe, expect, it } from "vitest";
import {
  DEMO_MEMORY,
  memoryFromConfig,
  openComposer,
  validateComposer,
} from "../../../src/ui/state/composer.js";
import { dashboardReducer, initialState } from "../../../src/ui/state/reducer.js";
import type { DashboardAction, DashboardState } from "../../../src/ui/state/types.js";

const start = () =>
  initialState({
    source: { kind: "embedded", label: "embedded" },
    connection: { status: "ready" },
    memory: DEMO_MEMORY,
  });
const apply = (state: DashboardState, ...actions: DashboardAction[]) =>
  actions.reduce(dashboardReducer, state);

describe("the composer form", () => {
  it("opens pre-filled from memory, focused on the first empty field", () => {
    const state = apply(start(), { type: "composer/open", kind: "sms" });
    expect(state.composer?.values).toEqual({ from: "+15555550100", to: "+15555550199", user: "demo" });
    expect(state.composer?.focus).toBe(3);
  });

  it("types into the focused field, moves with Tab and wraps around", () => {
    let state = apply(
      start(),
      { type: "composer/open", kind: "sms" },
      { type: "composer/type", text: "Hi\nthere" },
    );
    expect(state.composer?.values.message).toBe("Hi there");
    state = apply(state, { type: "composer/backspace" }, { type: "composer/focus", delta: 1 });
    expect(state.composer?.values.message).toBe("Hi ther");
    expect(state.composer?.focus).toBe(0);
    state = apply(state, { type: "composer/focus", delta: -1 });
    expect(state.composer?.focus).toBe(3);
  });

  it("moves the focus to the first invalid field and clears a field's error as it is edited", () => {
    let state = apply(start(), { type: "composer/open", kind: "sms" });
    state = apply(state, { type: "composer/invalid", errors: { to: "bad", message: "empty" } });
    expect(state.composer?.focus).toBe(1);
    state = apply(state, { type: "composer/type", text: "1" });
    expect(state.composer?.errors).toEqual({ message: "empty" });
  });

  it("remembers the addresses of what was sent; the next message starts empty (typing replaces, not appends)", () => {
    let state = apply(start(), { type: "composer/open", kind: "sms" }, { type: "composer/sending" });
    expect(state.composer?.status).toBe("sending");
    const input = { from: "+15550000001", to: "+15550000002", user: "bob", message: "again" };
    state = apply(state, { type: "composer/sent", request: { kind: "sms", input }, notice: "sent" });
    expect(state.composer).toBeUndefined();
    expect(state.notice).toEqual({ text: "sent", tone: "info" });
    state = apply(state, { type: "composer/open", kind: "sms" });
    expect(state.composer?.values).toEqual({ from: input.from, to: input.to, user: input.user });
    expect(state.composer?.focus).toBe(3);
    state = apply(state, { type: "composer/type", text: "while down" });
    expect(state.composer?.values.message).toBe("while down");
  });

  it("keeps the form open with the reason when sending failed", () => {
    const state = apply(
      start(),
      { type: "composer/open", kind: "email" },
      { type: "composer/sending" },
      { type: "composer/failed", message: "WebSocket not connected" },
    );
    expect(state.composer).toMatchObject({ status: "editing", failure: "WebSocket not connected" });
  });

  it("ignores form actions when no form is open", () => {
    const state = start();
    expect(apply(state, { type: "composer/type", text: "x" })).toBe(state);
  });
});

describe("validateComposer", () => {
  const sms = (values: Record<string, string>) => ({ ...openComposer("sms", { sms: values, email: {} }) });

  it("normalises phone numbers to E.164 as the send commands do", () => {
    const result = validateComposer(
      sms({ from: "+1 (555) 123-4567", to: "+44.20.7946.0958", user: " al ", message: "hi" }),
    );
    expect(result).toEqual({
      ok: true,
      request: {
        kind: "sms",
        input: { from: "+15551234567", to: "+442079460958", user: "al", message: "hi" },
      },
    });
  });

  it("names every invalid field and sends nothing", () => {
    const result = validateComposer(sms({ from: "5551234567", to: "+1", user: "", message: "  " }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["from", "message", "to", "user"]);
    expect(result.errors.from).toMatch(/must start with \+/);
    expect(result.errors.to).toMatch(/8 to 15/);
  });

  it("checks email addresses, subject and body", () => {
    const form = openComposer("email", {
      sms: {},
      email: { from: "bob@", to: "boss@example.com", user: "bob" },
    });
    const result = validateComposer({ ...form, values: { ...form.values, subject: "Hi", body: "" } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["body", "from"]);
    expect(result.errors.from).toMatch(/no domain/);
  });

  it("builds the email request", () => {
    const form = openComposer("email", {
      sms: {},
      email: { from: "bob@example.com", to: "boss@example.com", user: "bob", subject: "Hi", body: "Body" },
    });
    expect(validateComposer(form)).toEqual({
      ok: true,
      request: {
        kind: "email",
        input: { from: "bob@example.com", to: "boss@example.com", user: "bob", subject: "Hi", body: "Body" },
      },
    });
  });
});

describe("memoryFromConfig", () => {
  it("takes configured defaults and fills the rest with the demo values", () => {
    expect(memoryFromConfig({ fromPhone: "+15550000009", user: "zoe" })).toEqual({
      sms: { from: "+15550000009", to: "+15555550199", user: "zoe" },
      email: { from: "demo@example.com", to: "boss@example.com", user: "zoe" },
    });
  });
});
