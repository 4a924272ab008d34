import { describe, expect, it } from "vitest";
import { parseClientMessage } from "../../src/protocol/index.js";

/**
 * serde_json's own words for each frame, taken from the real-serde oracle (conformance/serde-oracle,
 * fed these frames by hand): the text after `Invalid message format: `, or REPLY when serde accepts it.
 */
const ORACLE: [string, string][] = [
  ["", "EOF while parsing a value at line 1 column 0"],
  ["   ", "EOF while parsing a value at line 1 column 3"],
  ["hello", "expected value at line 1 column 1"],
  ['{"type":', "EOF while parsing a value at line 1 column 8"],
  ["{}", "missing field `type` at line 1 column 2"],
  ["[]", "missing field `type` at line 1 column 2"],
  [
    '{"type":"wat"}',
    "unknown variant `wat`, expected one of `auth`, `inject_suggestion`, `synthesize_text`, `sms_received`, `email_received`, `claude_code_connect`, `claude_code_message`, `claude_code_disconnect`, `schedule_appointment`, `schedule_reminder`, `get_calendar`, `ping` at line 1 column 13",
  ],
  ['{"type":"ping"} x', "trailing characters at line 1 column 17"],
  ['{"type":"ping"}\n\n  x', "trailing characters at line 3 column 3"],
  ['{"type":"ping" "x":1}', "expected `,` or `}` at line 1 column 16"],
  ['{"type" "ping"}', "expected `:` at line 1 column 9"],
  ['{"type":"ping",7:1}', "key must be a string at line 1 column 16"],
  ['{"type":"ping",}', "trailing comma at line 1 column 16"],
  ['["ping",]', "trailing comma at line 1 column 9"],
  ['["ping" 1]', "expected `,` or `]` at line 1 column 9"],
  ['{"type":nope}', "expected ident at line 1 column 10"],
  ['{"type":01}', "invalid number at line 1 column 10"],
  ['{"type":"a\tb"}', "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 11"],
  ['{"type":"a\nb"}', "control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0"],
  ['{\n  "type": "ping",\n  "x": 01\n}', "invalid number at line 3 column 9"],
  ['{"é":"é" x}', "expected `,` or `}` at line 1 column 12"],
  ['{"type":"pi', "EOF while parsing a string at line 1 column 11"],
  ['["ping",', "EOF while parsing a value at line 1 column 8"],
  ['{"type":"ping","x":[1.', "EOF while parsing a value at line 1 column 22"],
  ['{"type":"ping","x":"\\u12', "EOF while parsing a string at line 1 column 24"],
  ['{"type":"ping","x":"\\q"}', "invalid escape at line 1 column 22"],
  ['{"type":"ping","x":"\\ud800"}', "unexpected end of hex escape at line 1 column 27"],
  ['{"type":"ping","x":"\\udc00"}', "lone leading surrogate in hex escape at line 1 column 26"],
  ['{"type":"ping","x":"\\ud800\\u0041"}', "lone leading surrogate in hex escape at line 1 column 32"],
  ['{"type":"ping","x":"\\ud800\\n"}', "unexpected end of hex escape at line 1 column 28"],
  ['{"type":"ping","x":1e400}', "number out of range at line 1 column 24"],
  ['{"type":"ping","x":-1e400}', "number out of range at line 1 column 25"],
  ['{"type":"ping","x":1e99999999999}', "number out of range at line 1 column 31"],
  ['{"type":"ping","x":18446744073709551616.5}', "invalid number at line 1 column 42"],
  ['{"type":"ping","x":1.}', "invalid number at line 1 column 22"],
  ['{"type":"ping","x":1e}', "invalid number at line 1 column 22"],
  ['{"type":"ping","x":-}', "invalid number at line 1 column 21"],
  ['{"type":"ping","x":nul}', "expected ident at line 1 column 23"],
  ['["auth",1.0]', "invalid type: floating point `1`, expected a string"],
  ['["auth",1e2]', "invalid type: floating point `100`, expected a string"],
  ['["auth",-0]', "invalid type: floating point `-0`, expected a string"],
  ['["auth",18446744073709551615]', "invalid type: integer `18446744073709551615`, expected a string"],
  ['["auth",18446744073709551616]', "invalid type: floating point `18446744073709552000`, expected a string"],
  ['["auth",-9223372036854775808]', "invalid type: integer `-9223372036854775808`, expected a string"],
  ['["auth",-9223372036854775809]', "invalid type: floating point `-9223372036854776000`, expected a string"],
  ['["auth",1e21]', "invalid type: floating point `1000000000000000000000`, expected a string"],
  ['["auth",1e-7]', "invalid type: floating point `0.0000001`, expected a string"],
  ['["auth",24271921595827.8125]', "invalid type: floating point `24271921595827.813`, expected a string"],
  ['["auth",null]', "invalid type: null, expected a string"],
  ['["auth",true]', "invalid type: boolean `true`, expected a string"],
  ['["auth",{}]', "invalid type: map, expected a string"],
  ['["auth",[]]', "invalid type: sequence, expected a string"],
  ['{"type":null}', "invalid type: null, expected variant identifier at line 1 column 12"],
  ['{"type":5}', "invalid type: integer `5`, expected variant identifier at line 1 column 9"],
  ['{"type":{}}', "invalid type: map, expected variant identifier at line 1 column 8"],
  ['{"type":"ping","type":"ping"}', "duplicate field `type` at line 1 column 21"],
  ['{"type":"ping","type" :1}', "duplicate field `type` at line 1 column 22"],
  ['{"type":"auth","token":"a","token":"b"}', "duplicate field `token`"],
  ['{"type":"auth"} x', "missing field `token`"],
  ['"x"', 'invalid type: string "x", expected internally tagged enum SupervisorMessage at line 1 column 3'],
  [
    "1.5",
    "invalid type: floating point `1.5`, expected internally tagged enum SupervisorMessage at line 1 column 3",
  ],
  ["null", "invalid type: null, expected internally tagged enum SupervisorMessage at line 1 column 4"],
  ['[["auth"]]', "invalid type: sequence, expected variant identifier at line 1 column 1"],
  ['["auth"]', "invalid length 0, expected struct variant SupervisorMessage::Auth with 1 element"],
  ['["auth","t",1]', "invalid length 2, expected 1 element in sequence"],
  ['["ping",1]', "invalid length 1, expected 0 elements in sequence"],
  [
    '["schedule_reminder","u","t","d"]',
    "invalid length 3, expected struct variant SupervisorMessage::ScheduleReminder with 4 elements",
  ],
  ['{"type":"inject_suggestion","text":"t","priority":null}', "invalid type: null, expected string or map"],
  [
    '{"type":"inject_suggestion","text":"t","priority":"urgent"}',
    "unknown variant `urgent`, expected one of `high`, `normal`, `low`",
  ],
  [
    '{"type":"inject_suggestion","text":"t","priority":{"high":1}}',
    "invalid type: integer `1`, expected unit",
  ],
  [
    '{"type":"inject_suggestion","text":"t","priority":{}}',
    "invalid value: map, expected map with a single key",
  ],
  [
    '{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":2147483648}',
    "invalid value: integer `2147483648`, expected i32",
  ],
  [
    '{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":-2147483649}',
    "invalid value: integer `-2147483649`, expected i32",
  ],
  [
    '{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":1.0}',
    "invalid type: floating point `1`, expected i32",
  ],
  [
    '{"type":"schedule_reminder","user_id":"u","title":"t","due_time":"d","priority":"a\\n\\u00ad\\u200d\\"é"}',
    'invalid type: string "a\\n\\u{ad}\\u{200d}\\"é", expected i32',
  ],
  ['{"type":"sms_received","user":7,"from":"a"}', "invalid type: integer `7`, expected a string"],
  [
    '{"type":"monitor"}',
    "unknown variant `monitor`, expected one of `auth`, `inject_suggestion`, `synthesize_text`, `sms_received`, `email_received`, `claude_code_connect`, `claude_code_message`, `claude_code_disconnect`, `schedule_appointment`, `schedule_reminder`, `get_calendar`, `ping` at line 1 column 17",
  ],
];

describe("parseClientMessage reads as serde_json reads (answers from the real-serde oracle)", () => {
  it.each(ORACLE)("%j", (frame, answer) => {
    const result = parseClientMessage(frame);
    if (answer.startsWith("REPLY")) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, detail: answer });
  });

  it("stops nesting at 128 levels, counting the message's own object", () => {
    const nested = (depth: number) => `{"type":"ping","x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(parseClientMessage(nested(126)).ok).toBe(true);
    expect(parseClientMessage(nested(127))).toEqual({
      ok: false,
      detail: "recursion limit exceeded at line 1 column 146",
    });
  });
});

describe("the message serde builds", () => {
  it("fills defaults and leaves None out", () => {
    expect(parseClientMessage('{"type":"inject_suggestion","text":"t"}')).toEqual({
      ok: true,
      message: { type: "inject_suggestion", text: "t", priority: "normal" },
    });
    expect(parseClientMessage('{"type":"synthesize_text","text":"hi","stream_sid":null}')).toEqual({
      ok: true,
      message: { type: "synthesize_text", text: "hi" },
    });
    expect(parseClientMessage('{"type":"inject_suggestion","text":"t","priority":{"high":null}}')).toEqual({
      ok: true,
      message: { type: "inject_suggestion", text: "t", priority: "high" },
    });
  });

  it("reads the sequence form in declaration order, with the defaults of `#[serde(default)]` fields", () => {
    expect(parseClientMessage('["auth","dev-token-12345"]')).toEqual({
      ok: true,
      message: { type: "auth", token: "dev-token-12345" },
    });
    expect(parseClientMessage('["inject_suggestion","t"]')).toEqual({
      ok: true,
      message: { type: "inject_suggestion", text: "t", priority: "normal" },
    });
  });

  it("keeps the last of unknown duplicate fields out of the way and reads escapes", () => {
    expect(parseClientMessage('{"x":1,"x":2,"typ\\u0065":"auth","token":"\\ud83d\\ude00\\n"}')).toEqual({
      ok: true,
      message: { type: "auth", token: "\u{1f600}\n" },
    });
  });

  it("knows our monitor extension only when asked to, and never lists it", () => {
    expect(parseClientMessage('{"type":"monitor"}', ["monitor"])).toEqual({
      ok: true,
      message: { type: "monitor" },
    });
    const refused = parseClientMessage('{"type":"wat"}', ["monitor"]);
    expect(refused.ok || refused.detail).not.toContain("monitor");
  });
});
