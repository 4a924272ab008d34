import { describe, expect, it } from "vitest";
import { MonitorOrder } from "../../src/supervisor/tap-order.js";

describe("MonitorOrder", () => {
  it("answers a monitor at once when nothing is owed", () => {
    const order = new MonitorOrder();
    order.monitorAsked();
    expect(order.takeDue()).toBe(1);
    expect(order.takeDue()).toBe(0);
  });

  it("holds a monitor until every earlier frame is answered", () => {
    const order = new MonitorOrder();
    order.forwardedOne();
    order.forwardedOne();
    order.monitorAsked();
    order.forwardedOne();
    expect(order.takeDue()).toBe(0);
    order.replied();
    expect(order.takeDue()).toBe(0);
    order.replied();
    expect(order.takeDue()).toBe(1);
  });

  it("releases monitors in the order asked, each at its own place", () => {
    const order = new MonitorOrder();
    order.monitorAsked();
    order.forwardedOne();
    order.monitorAsked();
    order.monitorAsked();
    order.forwardedOne();
    order.monitorAsked();
    expect(order.takeDue()).toBe(1);
    order.replied();
    expect(order.takeDue()).toBe(2);
    order.replied();
    expect(order.takeDue()).toBe(1);
  });

  it("lets a reply nobody asked for move nothing", () => {
    const order = new MonitorOrder();
    order.replied();
    order.replied();
    order.forwardedOne();
    order.monitorAsked();
    expect(order.takeDue()).toBe(0);
    order.replied();
    expect(order.takeDue()).toBe(1);
  });
});
