import { Box, useApp } from "ink";
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import type { WatchSource } from "../watch/types.js";
import { Composer, composerLines } from "./components/Composer.js";
import { DetailsPane } from "./components/DetailsPane.js";
import { EventFeed } from "./components/EventFeed.js";
import { Header } from "./components/Header.js";
import { HelpOverlay } from "./components/HelpOverlay.js";
import { Stats } from "./components/Stats.js";
import { StatusBar } from "./components/StatusBar.js";
import { feedHint } from "./format/hints.js";
import { computeLayout } from "./format/layout.js";
import { useKeys } from "./hooks/use-keys.js";
import { useNow } from "./hooks/use-now.js";
import { usePing } from "./hooks/use-ping.js";
import { useSend } from "./hooks/use-send.js";
import { useSourceState } from "./hooks/use-source-state.js";
import { useTerminalSize } from "./hooks/use-terminal-size.js";
import { useTraffic } from "./hooks/use-traffic.js";
import type { ComposerMemory } from "./state/composer.js";
import { feedWindow, visibleEvents } from "./state/feed.js";
import { dashboardReducer, initialState } from "./state/reducer.js";

export interface AppProps {
  source: WatchSource;
  /** What the composer's forms start with (configuration defaults). */
  memory?: ComposerMemory;
  /** Ring buffer bound. Default 5000. */
  capacity?: number;
  pingIntervalMs?: number;
  /** Batching of incoming events: one state update per interval at most. Default 50 ms (20 a second). */
  flushIntervalMs?: number;
  /** Epoch ms. */
  now?: () => number;
  /** How long a notice stays in the status bar. */
  noticeMs?: number;
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
}: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [startedAt] = useState(now);
  const [state, dispatch] = useReducer(dashboardReducer, undefined, () =>
    initialState({ capacity, source: source.status(), connection: source.connection(), memory, now: now() }),
  );
  useTraffic(source, dispatch, flushIntervalMs);
  useSourceState(source, dispatch, now);
  usePing(source.client, state.connection?.state.status === "ready", dispatch, pingIntervalMs);
  const time = useNow(now);
  const send = useSend(source.client, dispatch);
  const reconnect = useCallback(() => {
    source.reconnect();
    const text = source.status().kind === "replay" ? "Replaying from the start" : "Reconnecting now";
    dispatch({ type: "notice", notice: { text, tone: "info" } });
  }, [source]);
  useKeys(state, dispatch, { quit: exit, reconnect, send });

  const notice = state.notice;
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => dispatch({ type: "notice", notice: undefined }), noticeMs);
    return () => clearTimeout(timer);
  }, [notice, noticeMs]);

  const wide = computeLayout(size).sideBySide;
  const layout = computeLayout(size, state.composer && !wide ? composerLines(state.composer) : undefined);
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
  const window = feedWindow(visible, state);
  const main = layout.height - layout.header - layout.stats - layout.status;

  return (
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
      {state.help ? (
        <HelpOverlay height={main} width={layout.width} />
      ) : (
        <Box flexDirection={layout.sideBySide ? "row" : "column"} height={main}>
          <EventFeed
            window={window}
            height={layout.feedHeight}
            width={layout.feedWidth}
            newWhilePaused={state.paused?.newCount}
            hint={feedHint({
              source: state.source,
              connection: state.connection?.state,
              url: source.url,
              filteredOut: visible.length === 0 && state.events.length > 0 && state.filter.text !== "",
              messagesSeen: state.stats.byCategory.sms + state.stats.byCategory.email > 0,
            })}
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
      )}
      {layout.stats > 0 && <Stats stats={state.stats} />}
      <StatusBar filter={state.filter} notice={state.notice} />
    </Box>
  );
}
