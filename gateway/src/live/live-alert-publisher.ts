import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Alert } from '../../../core/src/domain/alert.js';
import { DEPARTMENTS, type Department } from '../../../core/src/domain/departments.js';
import type { AccessDirectory } from '../auth/session-store.js';
import { cookieValue, SESSION_COOKIE } from '../http/request-identity.js';
import { isForeignOrigin } from '../http/security.js';
import type { AlertPublisher } from '../../../alerts/src/alert-publisher.js';
import { departmentRoom, type CaseDiscussionEntry, type CaseView, type ClientToServerEvents, type ServerToClientEvents } from '../../../core/src/live/events.js';

const AUDITORS_ROOM = 'auditors';
/** The room of one session's sockets, named by the session id (the token's digest): no token is kept as a room name. */
const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * Pushes alerts and case changes to the dashboards over socket.io. A connection is
 * authenticated at the handshake with a department user's session token and joined to
 * its department's room only (auditors to theirs), so an event reaches exactly the
 * departments an alert was routed to; nothing is broadcast.
 */
export class LiveAlertPublisher implements AlertPublisher {
  readonly #io: Server<ClientToServerEvents, ServerToClientEvents>;
  readonly #unsubscribe: () => void;

  constructor(options: Readonly<{ httpServer: HttpServer; access: AccessDirectory }>) {
    this.#io = new Server(options.httpServer, {
      serveClient: false, cors: { origin: false },
      // A WebSocket is not subject to CORS: a foreign page could open one with the user's cookie.
      allowRequest: (request, callback) => callback(null, !isForeignOrigin(request.headers.origin, request.headers.host)),
    });
    this.#io.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
      const session = options.access.session(token);
      if (!session) { next(new Error('UNAUTHENTICATED: a valid session token is required')); return; }
      socket.data = { username: session.username, department: session.department, role: session.role, expiresAt: session.expiresAt, room: sessionRoom(options.access.sessionIdOf(session.token)) };
      next();
    });
    this.#io.on('connection', (socket) => {
      const data = socket.data as { department: Department; role: string; expiresAt: Date; room: string };
      void socket.join([data.role === 'auditor' ? AUDITORS_ROOM : departmentRoom(data.department), data.room]);
      // A session that expires while connected is disconnected, not kept alive by the socket.
      const timer = setTimeout(() => socket.disconnect(true), Math.max(0, data.expiresAt.getTime() - Date.now()));
      timer.unref();
      socket.on('disconnect', () => clearTimeout(timer));
    });
    // Logging out (or a user's removal) closes that session's open sockets at once.
    this.#unsubscribe = options.access.onSessionEnded((sessionId) => { this.#io.in(sessionRoom(sessionId)).disconnectSockets(true); });
  }

  get io(): Server<ClientToServerEvents, ServerToClientEvents> { return this.#io; }

  alertRaised(alert: Alert): void {
    this.#rooms(alert.departments).emit('alert:raised', alert);
  }

  alertUpdated(alert: Alert): void {
    this.#rooms(alert.departments).emit('alert:updated', alert);
  }

  caseUpdated(view: CaseView, alert: Alert): void {
    this.#rooms(alert.departments).emit('case:updated', view);
    this.#rooms(alert.departments).emit('alert:updated', alert);
  }

  discussionPosted(entry: CaseDiscussionEntry, departments: readonly Department[]): void {
    this.#rooms(departments).emit('case:discussion', entry);
  }

  /**
   * Disconnects every dashboard. The HTTP server itself is closed by the Fastify app,
   * which also drops idle keep-alive connections (io.close() would wait them out).
   */
  close(): void {
    this.#unsubscribe();
    this.#io.disconnectSockets(true);
    this.#io.engine.close();
  }

  #rooms(departments: readonly Department[]) {
    const rooms = departments.filter((d) => (DEPARTMENTS as readonly string[]).includes(d)).map(departmentRoom);
    return this.#io.to([...rooms, AUDITORS_ROOM]);
  }
}
