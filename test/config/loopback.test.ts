import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../src/config/loopback.js";
import { configWarnings, isLoopback } from "../../src/diagnostics/index.js";
import { isOriginAllowed } from "../../src/supervisor/hardening.js";

const LOOPBACK = [
  "localhost",
  "LOCALHOST",
  "app.localhost",
  "127.0.0.1",
  "127.1.2.3",
  "127.255.255.255",
  "127.1",
  "::1",
  "[::1]",
  "0:0:0:0:0:0:0:1",
  "[0:0:0:0:0:0:0:1]",
  "::ffff:127.0.0.1",
  "[::ffff:127.0.0.1]",
  "::ffff:7f00:1",
  "[::FFFF:127.9.9.9]",
];
const REACHABLE = [
  "0.0.0.0",
  "::",
  "[::]",
  "10.0.0.1",
  "128.0.0.1",
  "126.255.255.255",
  "::2",
  "::ffff:10.0.0.1",
  "::ffff:128.0.0.1",
  "example.com",
  "127.0.0.1.example.com",
  "localhost.evil.com",
  "",
];

describe("the one loopback test", () => {
  it.each(LOOPBACK)("%s is loopback, for the servers and for doctor alike", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(isLoopback(host)).toBe(true);
  });

  it.each(REACHABLE)("%s is not loopback, for the servers and for doctor alike", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
    expect(isLoopback(host)).toBe(false);
  });

  it("reads the host as a WHATWG URL gives it (`[::ffff:127.0.0.1]` becomes `[::ffff:7f00:1]`)", () => {
    for (const url of ["ws://[::ffff:127.0.0.1]:9999", "ws://[0:0:0:0:0:0:0:1]:9999", "ws://127.1:9999"]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
      expect(isOriginAllowed(url.replace("ws:", "http:")), url).toBe(true);
    }
  });

  it("doctor does not warn about ws:// to any loopback spelling, and warns about a mapped remote one", () => {
    for (const url of ["ws://[::ffff:127.0.0.1]:9999", "ws://[0:0:0:0:0:0:0:1]:9999"])
      expect(configWarnings(configFor(url)), url).toEqual([]);
    expect(configWarnings(configFor("ws://[::ffff:10.0.0.1]:9999")).map((w) => w.finding)).toEqual([
      "ws://[::ffff:a00:1]:9999 is not loopback, so the token would travel unencrypted",
    ]);
  });
});

function configFor(url: string): Parameters<typeof configWarnings>[0] {
  return { url, token: "a-real-secret-1", environment: "local", timeoutMs: 10_000, sources: {} };
}
