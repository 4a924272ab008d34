import { type Clock, systemClock } from "../clock.js";
import { redact } from "../config/mask.js";
import { interpolate, variableText } from "./interpolate.js";
import { ScenarioLink } from "./link.js";
import { allHold, type Json, matchEvent } from "./match.js";
import { type RunResult, type ScenarioResult, type StepFailure, summarize } from "./results.js";
import type { Scenario, Step } from "./types.js";

export interface RunOptions {
  url: string;
  token: string;
  /** Wait for a reply or broadcast when the step gives no `within_ms`. */
  timeoutMs: number;
  bail?: boolean;
  /** Runs only the scenarios whose name contains this (case-insensitive). */
  grep?: string;
  clock?: Clock;
  /** Told of each scenario as it ends (the terminal reporter prints it at once). */
  onScenario?: (result: ScenarioResult) => void;
  signal?: AbortSignal;
}

class StepFailed extends Error {
  constructor(readonly failure: Omit<StepFailure, "step" | "action" | "line" | "client">) {
    super(failure.message);
  }
}

const MESSAGE_TYPE = { send_sms: "sms_received", send_email: "email_received" } as const;

/** Runs scenarios one after the other against a supervisor; never throws for a failing scenario. */
export async function runScenarios(scenarios: Scenario[], options: RunOptions): Promise<RunResult> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const grep = options.grep?.toLowerCase();
  const chosen =
    grep === undefined ? scenarios : scenarios.filter((s) => s.name.toLowerCase().includes(grep));
  const results: ScenarioResult[] = [];
  let stop = false;
  for (const scenario of chosen) {
    const result =
      stop || options.signal?.aborted
        ? skipped(scenario)
        : await new ScenarioRun(scenario, options, clock).run();
    if (result.status === "failed" && options.bail) stop = true;
    results.push(result);
    options.onScenario?.(result);
  }
  // A token may ride in the URL's query: the results never carry it.
  return summarize(results, clock.now() - started, redact(options.url, options.token));
}

function skipped(scenario: Scenario): ScenarioResult {
  const { name, file, line } = scenario;
  return { name, file, line, status: "skipped", durationMs: 0, stepsPassed: 0, steps: scenario.steps.length };
}

class ScenarioRun {
  private readonly links = new Map<string, ScenarioLink>();
  private readonly cursors = new Map<string, { index: number }>();
  private readonly variables = new Map<string, string>();

  constructor(
    private readonly scenario: Scenario,
    private readonly options: RunOptions,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<ScenarioResult> {
    const { name, file, line, steps } = this.scenario;
    const started = this.clock.now();
    let passed = 0;
    let failure: StepFailure | undefined;
    try {
      for (const [index, step] of steps.entries()) {
        try {
          await this.runStep(step);
          passed++;
        } catch (error) {
          const detail = error instanceof StepFailed ? error.failure : { message: (error as Error).message };
          failure = { step: index + 1, action: step.action, line: step.line, client: step.client, ...detail };
          break;
        }
      }
    } finally {
      for (const link of this.links.values()) link.close();
    }
    const status = failure ? "failed" : "passed";
    return {
      name,
      file,
      line,
      status,
      durationMs: this.clock.now() - started,
      stepsPassed: passed,
      steps: steps.length,
      failure,
    };
  }

  private async runStep(step: Step): Promise<void> {
    if (step.action === "wait_ms") return this.clock.sleep(step.payload, this.options.signal);
    const link = await this.link(step.client);
    if (step.action === "expect_broadcast") return this.expectBroadcast(link, step);
    const iterations = Array.from({ length: step.repeat }, (_, i) => i + 1);
    if (step.concurrent) {
      const sent = iterations.map((i) => ({ i, at: this.send(link, step, i) }));
      for (const { i, at } of sent) await this.checkReply(link, step, i, at);
    } else for (const i of iterations) await this.checkReply(link, step, i, this.send(link, step, i));
  }

  private vars(step: Step, i: number): Map<string, string> {
    if (step.repeat === 1) return this.variables;
    return new Map([...this.variables, ["i", String(i)]]);
  }

  /** Sends the step's message; returns when it was sent. */
  private send(link: ScenarioLink, step: Step, i: number): number {
    const vars = this.vars(step, i);
    if (step.action === "send" && typeof step.payload === "string") {
      link.sendText(interpolate(step.payload, vars));
      return this.clock.now();
    }
    let message: Json;
    if (step.action === "auth")
      message = { type: "auth", token: step.payload.token ?? this.tokenOf(step.client) };
    else if (step.action === "send") message = step.payload as Json;
    else
      message = { type: MESSAGE_TYPE[step.action as keyof typeof MESSAGE_TYPE], ...(step.payload as Json) };
    const final = interpolate(message, vars);
    link.sendText(JSON.stringify(final), final);
    return this.clock.now();
  }

  private async checkReply(link: ScenarioLink, step: Step, i: number, sentAt: number): Promise<void> {
    const iteration = step.repeat > 1 ? i : undefined;
    const expect = step.expect ? interpolate(step.expect, this.vars(step, i)) : undefined;
    const within = expect?.within_ms ?? this.options.timeoutMs;
    const reply = await link.nextReply(Math.max(0, within - (this.clock.now() - sentAt)));
    if (!reply) {
      const why = link.closedReason ?? `no reply within ${within} ms`;
      throw new StepFailed({ iteration, message: why });
    }
    const rows = matchEvent(expect, reply.event);
    if (!allHold(rows))
      throw new StepFailed({
        iteration,
        message: "the reply does not match the expectation",
        rows,
        actual: reply.event,
      });
    const latency = Math.round(reply.at - sentAt);
    if (expect?.within_ms !== undefined && latency > expect.within_ms)
      throw new StepFailed({
        iteration,
        message: `the reply came after ${latency} ms, expected within ${expect.within_ms} ms`,
        actual: reply.event,
      });
    this.capture(step, reply.event, iteration);
  }

  private capture(step: Step, event: Json, iteration: number | undefined): void {
    for (const [name, field] of Object.entries(step.capture ?? {})) {
      if (!(field in event))
        throw new StepFailed({
          iteration,
          message: `capture ${name}: the reply has no field ${field}`,
          actual: event,
        });
      this.variables.set(name, variableText(event[field]));
    }
  }

  private async expectBroadcast(
    link: ScenarioLink,
    step: Step & { action: "expect_broadcast" },
  ): Promise<void> {
    const expect = interpolate(step.payload, this.variables);
    const within = expect.within_ms ?? this.options.timeoutMs;
    const cursor = this.cursors.get(step.client) as { index: number };
    const from = cursor.index;
    const found = await link.nextBroadcast(cursor, (event) => allHold(matchEvent(expect, event)), within);
    if (found) return;
    // The closest miss is the broadcast of the right type seen last, else the last one seen.
    const seen = link.broadcasts.slice(from).map((b) => b.event);
    const types = expect.type === undefined ? undefined : [expect.type].flat();
    const closest = seen.filter((e) => types?.includes(e.type as string)).at(-1) ?? seen.at(-1);
    const message = `no broadcast matched within ${within} ms (${seen.length} other${seen.length === 1 ? "" : "s"} seen)`;
    throw new StepFailed(
      closest ? { message, rows: matchEvent(expect, closest), actual: closest } : { message },
    );
  }

  private tokenOf(client: string): string {
    return this.scenario.clients[client]?.token ?? this.options.token;
  }

  private async link(client: string): Promise<ScenarioLink> {
    const open = this.links.get(client);
    if (open) return open;
    const link = await ScenarioLink.open(this.options.url, this.options.timeoutMs, () => this.clock.now());
    this.links.set(client, link);
    this.cursors.set(client, { index: 0 });
    const settings = this.scenario.clients[client];
    if (settings?.auth ?? this.scenario.auth) {
      link.sendText(JSON.stringify({ type: "auth", token: this.tokenOf(client) }), { type: "auth" });
      const reply = await link.nextReply(this.options.timeoutMs);
      if (reply?.event.type !== "auth_result" || reply.event.success !== true) {
        const detail = reply
          ? `answered ${JSON.stringify(reply.event)}`
          : (link.closedReason ?? "no auth_result in time");
        throw new StepFailed({
          message: `client ${client} could not authenticate: ${detail}`,
          actual: reply?.event,
        });
      }
    }
    return link;
  }
}
