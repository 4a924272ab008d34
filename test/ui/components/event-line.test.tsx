import { render } from "ink-testing-library";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { EventLine } from "../../../src/ui/components/EventLine.js";
import { toFeedEvent } from "../../../src/ui/state/event-model.js";
import { frameOf } from "../../helpers/press.js";
import { sms } from "../../helpers/traffic-entries.js";

const lineFor = (user: string, message = "Hello") => {
  const app = render(<EventLine event={toFeedEvent(sms(message, user), 1)} selected={false} width={80} />);
  const line = frameOf(app);
  app.unmount();
  return line;
};

/** The display column where `needle` starts. */
const columnOf = (line: string, needle: string) => stringWidth(line.slice(0, line.indexOf(needle)));

describe("EventLine measures in display cells", () => {
  it("lines the message up under ASCII, CJK and emoji user names alike", () => {
    const columns = ["alice", "李小龍", "😀party", "Zoë"].map((user) => columnOf(lineFor(user), '"Hello"'));
    expect(new Set(columns).size).toBe(1);
  });

  it("fits a line of wide characters in the width without splitting a surrogate pair", () => {
    const line = lineFor("李小龍李小龍李小龍", "😀".repeat(60));
    expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
