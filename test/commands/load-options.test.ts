import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { LOAD_OPTIONS, loadOptions } from "../../src/commands/options/common.js";
import { parseOptions } from "../../src/commands/options/define.js";
import { addOptions } from "../../src/commands/program.js";
import { ValidationError } from "../../src/protocol/errors.js";
import { thrown } from "../helpers/thrown.js";

/** The load options of `argv`, as send-sms and send-email read them. */
function load(argv: string[]) {
  const command = addOptions(new Command("send").exitOverride(), LOAD_OPTIONS);
  command.parse(argv, { from: "user" });
  return loadOptions(parseOptions(LOAD_OPTIONS, command.opts(), "send options"));
}

describe("the load-mode options", () => {
  it("are off unless one is given, then default to one event, one in flight, no rate", () => {
    expect(load([])).toBeUndefined();
    expect(load(["--rate", "5"])).toEqual({ count: 1, concurrency: 1, rate: 5 });
  });

  it("read the flags, capping concurrency at the count", () => {
    expect(load(["--count", "50", "--concurrency", "8", "--rate", "12.5"])).toEqual({
      count: 50,
      concurrency: 8,
      rate: 12.5,
    });
    expect(load(["--count", "3", "--concurrency", "10"])).toEqual({
      count: 3,
      concurrency: 3,
      rate: undefined,
    });
  });

  it.each([
    [["--count", "0"], "--count", /--count must be a whole number from 1 to 1000000/],
    [["--count", "ten"], "--count", /whole number/],
    [["--count", "1.5"], "--count", /whole number/],
    [["--concurrency", "-2"], "--concurrency", /whole number/],
    [["--rate", "0"], "--rate", /--rate must be above 0/],
    [["--rate", "fast"], "--rate", /--rate must be a number of events a second/],
  ])("refuse %j", (argv, field, message) => {
    const error = thrown(ValidationError, () => load(argv));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});
