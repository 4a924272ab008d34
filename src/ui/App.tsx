import { Box, useApp, useStdout } from "ink";
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import type { WatchSource } from "../watch/types.js";
import { Composer, composerLines } from "./components/Composer.js";
import { ConnectionsPane } from "./components/ConnectionsPane.js";
import { DetailsPane } from "./components/DetailsPane.js";
import { EventFeed } from "./components/EventFeed.js";
import { EventView } from "./components/EventView.js";
import { Header } from "./components/Header.js";
import { HelpOverlay } from "./components/HelpOverlay.js";
import { Stats } from "./components/Stats.js";
import { StatusBar } from "./components/StatusBar.js";
import { osc52 } from "./format/command.js";
import { fullLines } from "./format/full.js";
import { feedHint } from "./format/hints.js";
import { computeLayout } from "./format/layout.js";
import { ColourContext } from "./hooks/use-colour.js";
import { type EventActionIo, useEventActions } from "./hooks/use-event-actions.js";
import { useKeys } from "./hooks/use-keys.js";
import { useNow } from "./hooks/use-now.js";
import { usePing } from "./hooks/use-ping.js";
import { useSend } from "./hooks/use-send.js";
import { useSourceState } from "./hooks/use-source-state.js";
import { useTerminalSize } from "./hooks/use-terminal-size.js";
import { useTraffic } from "./hooks/use-traffic.js";
import type { ComposerMemory } from "./state/composer.js";
import { connectionRows } from "./state/connections.js";
import { feedWindow, visibleEvents } from "./state/feed.js";
import { parseFilter } from "./state/filter.js";
import { dashboardReducer, initialState } from "./state/reducer.js";
import { pairOf } from "./state/selection.js";
import { SPARK_CELLS, SPARK_WINDOW_MS } from "./state/stats.js";
import type { DashboardState } from "./state/types.js";

export interface AppProps {
  source: WatchSource;
  /** What the composer's forms start with (configuration defaults). */
  memory?: ComposerMemory;
  /** Ring buffer bound (`--buffer`). Default 5000. */
  capacity?: number;
  pingIntervalMs?: number;
  /** Batching of incoming events: one state update per interval at most. Default 50 ms (20 a second). */
  flushIntervalMs?: number;
  /** Epoch ms. */
  now?: () => number;
  /** How long a notice stays in the status bar. */
  noticeMs?: number;
  /** False under NO_COLOR: no colour at all (bold and inverse stay). Default true. */
  colour?: boolean;
  /** The clipboard and $EDITOR; default: OSC 52 on Ink's stdout, no editor. */
  io?: Partial<EventActionIo>;
}

/**
 * How often the screen needs the time: each second for a reconnect countdown and the connections'
 * ages, each sparkline cell (3 s) while a reply of the last minute is on it, else each minute of
 * the uptime.
 */
function tickMs(state: DashboardState, now: () => number): number {
  if (state.connectionsPane || state.connection?.state.status === "reconnecting") return 1000;
  const newest = state.stats.recent[state.stats.recent.length - 1];
  if (newest && newest.at > now() - SPARK_WINDOW_MS) return SPARK_WINDOW_MS / SPARK_CELLS;
  return 60_000;
}

/** The dashboard: wires the source to the reducer through hooks and lays the components out. */
export function App({
  source,
  memory,
  capacity,
  pingIntervalMs,
  flushIntervalMs,
  now = Date.now,
  noticeMs = 6000,
  colour = true,
  io,
}: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const size = useTerminalSize();
  const [startedAt] = useState(now);
  const [state, dispatch] = useReducer(dashboardReducer, undefined, () =>
    initialState({ capacity, source: source.status(), connection: source.connection(), memory, now: now() }),
  );
  // Nothing on screen shows a ping or pong: the feed hides them, the connections pane (their counts) is closed.
  const keepalivesHidden = !state.connectionsPane && !parseFilter(state.filter.text).showPings;
  const batched = useTraffic(source, dispatch, flushIntervalMs, Date.now, keepalivesHidden);
  useSourceState(source, dispatch, now);
  usePing(source.client, state.connection?.state.status === "ready", batched, pingIntervalMs);
  const time = useNow(now, tickMs(state, now), startedAt);
  const sender = useSend(source.client, dispatch, batched);
  const actionIo = useMemo<EventActionIo>(
    () => ({ copy: io?.copy ?? ((text) => stdout.write(osc52(text))), editText: io?.editText }),
    [io, stdout],
  );
  const perform = useEventActions(source.url, sender, actionIo, dispatch);
  const reconnect = useCallback(() => {
    const replay = source.status().kind === "replay";
    if (replay) dispatch({ type: "restart" });
    source.reconnect();
    dispatch({
      type: "notice",
      notice: { text: replay ? "Replaying from the start" : "Reconnecting now", tone: "info" },
    });
  }, [source]);
  useKeys(state, dispatch, { quit: exit, reconnect, perform });

  const notice = state.notice;
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => dispatch({ type: "notice", notice: undefined }), noticeMs);
    return () => clearTimeout(timer);
  }, [notice, noticeMs]);

  const wide = computeLayout(size).sideBySide;
  const base = computeLayout(size);
  const layout = computeLayout(
    size,
    state.composer && !wide ? composerLines(state.composer, base.panelWidth) : undefined,
  );
  const pageSize = Math.max(1, layout.feedHeight - (state.paused ? 1 : 0));
  useEffect(() => {
    if (pageSize !== state.pageSize) dispatch({ type: "resize", pageSize });
  }, [pageSize, state.pageSize]);

  const { events, filter } = state;
  const frozen = state.paused?.events;
  const visible = useMemo(
    () => visibleEvents({ events, filter, paused: frozen && { events: frozen } }),
    [events, frozen, filter],
  );
  const { follow, selectedId, topId, pageSize: rows } = state;
  const window = useMemo(
    () => feedWindow(visible, { follow, selectedId, topId, pageSize: rows }),
    [visible, follow, selectedId, topId, rows],
  );
  // The help needs every line: the stats bar steps aside while it is open.
  const stats = state.help ? 0 : layout.stats;
  const main = layout.height - layout.header - stats - layout.status;

  const fullEvent = state.full ? events.find((e) => e.id === state.full?.id) : undefined;
  const lines = useMemo(
    () => (fullEvent ? fullLines(fullEvent, pairOf(fullEvent, events), layout.width) : []),
    [fullEvent, events, layout.width],
  );
  const fullMax = Math.max(0, lines.length - (main - 1));
  useEffect(() => {
    if (state.full && state.full.max !== fullMax) dispatch({ type: "full/max", max: fullMax });
  }, [state.full, fullMax]);

  const filteredOut = visible.length === 0 && state.events.length > 0 && state.filter.text !== "";
  const messagesSeen = state.stats.byCategory.sms + state.stats.byCategory.email > 0;
  const connectionState = state.connection?.state;
  const hint = useMemo(
    () =>
      feedHint({
        source: state.source,
        connection: connectionState,
        url: source.url,
        filteredOut,
        messagesSeen,
        width: layout.feedWidth,
      }),
    [state.source, connectionState, source.url, filteredOut, messagesSeen, layout.feedWidth],
  );

  const body = state.help ? (
    <HelpOverlay height={main} width={layout.width} />
  ) : state.full ? (
    <EventView lines={lines} scroll={state.full.scroll} height={main} width={layout.width} />
  ) : state.connectionsPane ? (
    <ConnectionsPane rows={connectionRows(state.connections)} now={time} height={main} width={layout.width} />
  ) : (
    <Box flexDirection={layout.sideBySide ? "row" : "column"} height={main}>
      <EventFeed
        window={window}
        height={layout.feedHeight}
        width={layout.feedWidth}
        newWhilePaused={state.paused?.newCount}
        hint={hint}
      />
      {layout.sideBySide && <Box width={1} />}
      {layout.panelHeight > 0 && (
        <Box height={layout.panelHeight} width={layout.panelWidth} overflow="hidden">
          {state.composer ? (
            <Composer composer={state.composer} width={layout.panelWidth} />
          ) : (
            <DetailsPane
              event={window.rows[window.selected]}
              height={layout.panelHeight}
              width={layout.panelWidth}
            />
          )}
        </Box>
      )}
    </Box>
  );

  return (
    <ColourContext.Provider value={colour}>
      <Box flexDirection="column" width={layout.width} height={layout.height}>
        <Header
          url={source.url}
          connection={state.connection}
          source={state.source}
          pingMs={state.pingMs}
          uptimeMs={time - startedAt}
          now={time}
          total={state.events.length}
          dropped={state.dropped}
        />
        {body}
        {stats > 0 && <Stats stats={state.stats} now={time} />}
        <StatusBar filter={state.filter} notice={state.notice} />
      </Box>
    </ColourContext.Provider>
  );
}
