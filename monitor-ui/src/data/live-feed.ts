/**
 * The department's live channel: one authenticated socket.io connection per session.
 * Subscribers get validated payloads only and a disposer to stop listening.
 */
import { io, type Socket } from 'socket.io-client';
import type { Alert, CaseView, DiscussionEntry, ServerToClientEvents } from './contract.js';
import { parseAlert, parseCaseView, parseDiscussionEntry } from './payload-guards.js';

export type Disposer = () => void;
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'refused';

/** The events a page may subscribe to, with their validated payloads. */
export interface LiveEventPayloads {
  'alert:raised': Alert;
  'alert:updated': Alert;
  'case:updated': CaseView;
  'case:discussion': DiscussionEntry;
}
export type LiveEventName = keyof LiveEventPayloads;

export interface LiveFeed {
  on<E extends LiveEventName>(event: E, handler: (payload: LiveEventPayloads[E]) => void): Disposer;
  onStatus(handler: (status: LiveStatus) => void): Disposer;
  readonly status: LiveStatus;
  close(): void;
}

export interface LiveFeedOptions {
  token: string;
  /** socket.io origin; '' for the page's own. */
  url?: string;
}

const PARSERS: { [E in LiveEventName]: (v: unknown) => LiveEventPayloads[E] | undefined } = {
  'alert:raised': parseAlert,
  'alert:updated': parseAlert,
  'case:updated': parseCaseView,
  'case:discussion': parseDiscussionEntry,
};

export function connectLiveFeed(options: Readonly<LiveFeedOptions>): LiveFeed {
  const socket: Socket<ServerToClientEvents> = io(options.url ?? '', {
    path: '/socket.io', auth: { token: options.token }, transports: ['websocket', 'polling'],
  });
  const statusHandlers = new Set<(s: LiveStatus) => void>();
  let status: LiveStatus = 'connecting';
  const setStatus = (next: LiveStatus): void => {
    status = next;
    for (const handler of statusHandlers) handler(next);
  };
  socket.on('connect', () => setStatus('live'));
  socket.on('disconnect', () => setStatus('offline'));
  // A handshake refused by the server (bad or expired token) does not retry by itself.
  socket.on('connect_error', () => setStatus(socket.active ? 'offline' : 'refused'));

  return {
    on(event, handler) {
      const parse = PARSERS[event];
      const listener = (raw: unknown): void => {
        const payload = parse(raw);
        if (payload === undefined) {
          console.warn(`Dropped a malformed ${event} event`, raw);
          return;
        }
        handler(payload as Parameters<typeof handler>[0]);
      };
      // The socket's typed `on` cannot see through the generic event name; the payload is checked above.
      const untyped = socket as unknown as Socket<Record<string, (raw: unknown) => void>>;
      untyped.on(event as string, listener);
      return () => { untyped.off(event as string, listener); };
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      handler(status);
      return () => { statusHandlers.delete(handler); };
    },
    get status() { return status; },
    close() {
      statusHandlers.clear();
      socket.disconnect();
    },
  };
}
