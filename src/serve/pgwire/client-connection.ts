import { once } from "node:events";
import type { Socket } from "node:net";
import {
  type ClientInfo,
  type Credentials,
  PostgresConnection,
  type PostgresConnectionOptions,
} from "pg-gateway";
import { PgError, SQLSTATE } from "./errors.ts";
import { BackendWriter } from "./protocol/backend.ts";
import { decodeFrontend } from "./protocol/frontend.ts";
import type { Session } from "./session.ts";

/** What the server provides to each client connection. */
export interface ConnectionHooks {
  readonly authMode: "none" | "cleartextPassword" | "md5Password";
  readonly validateCredentials: (credentials: Credentials) => Promise<boolean>;
  /**
   * Opens the session once the client is authenticated, with the key a CancelRequest must quote;
   * throws a PgError to refuse the client.
   */
  readonly openSession: (
    client: ClientInfo,
    out: BackendWriter,
    flush: () => Promise<void>,
  ) => Promise<{ session: Session; processId: number; secret: number }>;
  /** A CancelRequest arrived on a new connection. */
  readonly cancel: (processId: number, secret: number) => void;
}

/** PostgreSQL limits startup packets to 10,000 bytes; messages after it may carry big parameters. */
const MAX_STARTUP_BYTES = 10_000;
const MAX_PENDING_BYTES = 64 * 1024 * 1024;
const CANCEL_REQUEST_CODE = 80877102;

/** Raised when the client went away while a response was being written. */
class ClientGone extends Error {}

/**
 * One client: pg-gateway runs the connection's start (SSLRequest, StartupMessage, password exchange);
 * after authentication every message goes to the Session, one at a time and in order. Bytes a client
 * sends that cannot be a message (a length beyond the limits, a malformed body) end that connection
 * with a FATAL error, never the server.
 */
export function serveClient(socket: Socket, hooks: ConnectionHooks): void {
  socket.setNoDelay(true);
  // Resets and aborted writes are a client's business; 'close' cleans up after them.
  socket.on("error", () => {});
  const out = new BackendWriter();
  let session: Session | undefined;
  let received = 0;
  let consumed = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const flush = async (): Promise<void> => {
    if (socket.destroyed) throw new ClientGone();
    if (out.size === 0) return;
    if (!socket.write(out.take())) {
      await Promise.race([once(socket, "drain"), once(socket, "close")]);
      if (socket.destroyed) throw new ClientGone();
    }
  };
  const fatal = (error: PgError): void => {
    const writer = new BackendWriter();
    writer.error(new PgError(error.code, error.message, { severity: "FATAL" }));
    if (!socket.destroyed) socket.end(writer.take());
  };

  socket.prependListener("data", (chunk: Buffer) => {
    received += chunk.length;
    const limit = session ? MAX_PENDING_BYTES : MAX_STARTUP_BYTES;
    if (received - consumed > limit) {
      fatal(new PgError(SQLSTATE.protocolViolation, "invalid message: length exceeds the limit"));
      socket.destroy();
    }
  });

  const options: PostgresConnectionOptions = {
    authMode: hooks.authMode,
    validateCredentials: (credentials) => hooks.validateCredentials(credentials),
    onMessage: async (data, state) => {
      consumed += data.length;
      if (!state.hasStarted) return cancelRequest(Buffer.from(data));
      if (!state.isAuthenticated) {
        if (data[0] === 0x70 /* p: password */) return false;
        fatal(new PgError("28000", "authentication required before any other message"));
        return true;
      }
      const done = queue.then(() => handle(Buffer.from(data)));
      queue = done.catch(() => {});
      await done;
      return true;
    },
  };

  const cancelRequest = (data: Buffer): boolean => {
    if (data.length !== 16 || data.readInt32BE(4) !== CANCEL_REQUEST_CODE) return false;
    hooks.cancel(data.readInt32BE(8), data.readInt32BE(12));
    socket.destroy();
    return true;
  };

  const handle = async (data: Buffer): Promise<void> => {
    if (!session || socket.destroyed) return;
    try {
      const keepGoing = await session.handle(decodeFrontend(data));
      if (!keepGoing) socket.end();
    } catch (error) {
      if (error instanceof ClientGone) return;
      // A malformed message, or a failure the session could not report in-band: this connection ends.
      fatal(error instanceof PgError ? error : new PgError(SQLSTATE.internalError, String(error)));
    }
  };

  const connection = new GatewayConnection(socket, options, async (client) => {
    let opened: Awaited<ReturnType<ConnectionHooks["openSession"]>>;
    try {
      opened = await hooks.openSession(client, out, flush);
    } catch (error) {
      fatal(error instanceof PgError ? error : new PgError(SQLSTATE.internalError, String(error)));
      return;
    }
    session = opened.session;
    out.authenticationOk();
    for (const p of session.settings.reported()) out.parameterStatus(p.name, p.value);
    out.backendKeyData(opened.processId, opened.secret);
    out.readyForQuery("I");
    await flush().catch(() => {});
  });
  socket.on("close", () => {
    connection.detach();
    void queue.then(() => session?.close()).catch(() => {});
  });
}

/**
 * pg-gateway's connection with its last startup step replaced: instead of AuthenticationOk plus a
 * bare server_version, a session is opened and the client gets every ParameterStatus PostgreSQL sends
 * (encodings, DateStyle, TimeZone, ...) and a BackendKeyData for cancel requests, before ReadyForQuery.
 */
class GatewayConnection extends PostgresConnection {
  private readonly ready: (client: ClientInfo) => Promise<void>;

  constructor(
    socket: Socket,
    options: PostgresConnectionOptions,
    ready: (client: ClientInfo) => Promise<void>,
  ) {
    super(socket, options);
    this.ready = ready;
  }

  override async completeAuthentication(): Promise<void> {
    this.isAuthenticated = true;
    await this.ready(this.clientInfo!);
  }
}
