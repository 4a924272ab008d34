import { describe, expect, it } from "vitest";
import {
  assertBindAllowed,
  FloodLimiter,
  isLoopbackHost,
  isOriginAllowed,
  tokenMatcher,
} from "../../src/supervisor/hardening.js";
import { resolveSupervisorOptions } from "../../src/supervisor/options.js";

describe("hardening rules", () => {
  it("knows loopback hosts", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]", "app.localhost"])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com", "128.0.0.1", "localhost.evil.com"])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it("allows no Origin and localhost pages only", () => {
    for (const origin of [
      undefined,
      "",
      "http://localhost",
      "https://localhost:8443",
      "http://127.0.0.1:5173",
    ])
      expect(isOriginAllowed(origin), String(origin)).toBe(true);
    for (const origin of [
      "null",
      "https://evil.example",
      "http://localhost.evil.example",
      "file://",
      "chrome-extension://abc",
    ])
      expect(isOriginAllowed(origin), origin).toBe(false);
  });

  it("compares tokens by value, whatever their length", () => {
    const matches = tokenMatcher("secret-token");
    expect(matches("secret-token")).toBe(true);
    expect(matches("secret-tokem")).toBe(false);
    expect(matches("secret")).toBe(false);
    expect(matches("")).toBe(false);
    expect(matches("secret-token ".repeat(100))).toBe(false);
  });

  it("counts format errors per window and trips just over the limit", () => {
    let t = 0;
    const limiter = new FloodLimiter(3, 1000, () => t);
    expect([limiter.hit(), limiter.hit(), limiter.hit()]).toEqual([false, false, false]);
    expect(limiter.hit()).toBe(true);
    t = 1000;
    expect(limiter.hit()).toBe(false);
  });

  it("refuses remote binds unless allowed, and the dev token on them", () => {
    expect(() => assertBindAllowed("127.0.0.1", "dev", false, "dev")).not.toThrow();
    expect(() => assertBindAllowed("0.0.0.0", "strong", false, "dev")).toThrow(
      /reachable from other machines/,
    );
    expect(() => assertBindAllowed("0.0.0.0", "dev", true, "dev")).toThrow(/default dev token/);
    expect(() => assertBindAllowed("0.0.0.0", "strong", true, "dev")).not.toThrow();
  });

  it("resolves defaults and rejects bad options with the field named", () => {
    const resolved = resolveSupervisorOptions({ env: {} });
    expect(resolved).toMatchObject({
      host: "127.0.0.1",
      port: 9999,
      delayMs: 0,
      logFile: "logs/supervisor.log",
    });
    expect(resolved.checkToken("dev-token-12345")).toBe(true);
    expect(
      resolveSupervisorOptions({ env: { SUPERVISOR_TOKEN: "from-env-123" } }).checkToken("from-env-123"),
    ).toBe(true);
    expect(resolved.limits).toMatchObject({
      maxPayload: 64 * 1024 * 1024,
      authTimeoutMs: 10_000,
      floodMaxErrors: 100,
    });
    expect(() => resolveSupervisorOptions({ port: 70000 })).toThrow(/port/);
    expect(() => resolveSupervisorOptions({ delayMs: -1 })).toThrow(/delayMs/);
    expect(() => resolveSupervisorOptions({ token: "" })).toThrow(/token must not be empty/);
    expect(() => resolveSupervisorOptions({ limits: { authTimeoutMs: -1 } })).toThrow(/authTimeoutMs/);
    expect(
      resolveSupervisorOptions({ limits: { authTimeoutMs: 0, floodMaxErrors: 0 } }).limits,
    ).toMatchObject({
      authTimeoutMs: 0,
      floodMaxErrors: 0,
    });
  });
});
