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

/** PostgreSQL limits startup packets to 10,000 bytes; later messages may carry big parameters. */
const MAX_STARTUP_BYTES = 10_000;
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
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

  const options: PostgresConnectionOptions = {
    authMode: hooks.authMode,
    validateCredentials: (credentials) => hooks.validateCredentials(credentials),
    onMessage: async (data, state) => {
      const message = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      if (!state.hasStarted) return cancelRequest(message);
      if (!state.isAuthenticated) {
        if (message[0] === 0x70 /* p: password */) return false;
        fatal(
          new PgError(
            SQLSTATE.invalidAuthorizationSpecification,
            "authentication required before any other message",
          ),
        );
        return true;
      }
      await handle(message);
      return true;
    },
  };

  const connection = new GatewayConnection(socket, options, fatal, async (client) => {
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
    void connection.finished.then(() => session?.close()).catch(() => {});
  });
}

/**
 * pg-gateway's connection with two parts replaced. Framing: pg-gateway 0.2.4 cuts every message after
 * the first of a network read at the wrong end (it passes a length where `subarray` takes an end), so
 * pipelined messages — the extended protocol's Parse/Bind/Describe/Execute/Sync — arrive empty; here
 * messages are cut from a byte queue, handled strictly one after another, and checked against size
 * limits. Startup's last step: instead of AuthenticationOk plus a bare server_version, a session is
 * opened and the client gets every ParameterStatus PostgreSQL sends and a BackendKeyData for cancel
 * requests, before ReadyForQuery.
 */
class GatewayConnection extends PostgresConnection {
  private readonly ready: (client: ClientInfo) => Promise<void>;
  private readonly reject: (error: PgError) => void;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private draining: Promise<void> = Promise.resolve();

  constructor(
    socket: Socket,
    options: PostgresConnectionOptions,
    reject: (error: PgError) => void,
    ready: (client: ClientInfo) => Promise<void>,
  ) {
    super(socket, options);
    this.reject = reject;
    this.ready = ready;
  }

  /** Settles once every message received so far has been handled. */
  get finished(): Promise<void> {
    return this.draining;
  }

  override async handleData(data: Buffer): Promise<void> {
    this.chunks.push(data);
    this.buffered += data.length;
    this.draining = this.draining.then(() => this.drain());
    return this.draining;
  }

  override async completeAuthentication(): Promise<void> {
    this.isAuthenticated = true;
    await this.ready(this.clientInfo!);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.socket.destroyed) return;
      // Startup-phase messages have no type byte; later ones do.
      const header = this.hasStarted ? 1 : 0;
      if (this.buffered < header + 4) return;
      const head = this.peek(header + 4);
      const length = head.readInt32BE(header);
      const limit = this.hasStarted ? MAX_MESSAGE_BYTES : MAX_STARTUP_BYTES;
      if (length < 4 || length > limit) {
        this.reject(new PgError(SQLSTATE.protocolViolation, `invalid message length ${length}`));
        this.socket.destroy();
        return;
      }
      if (this.buffered < header + length) return;
      try {
        await this.handleMessage(this.take(header + length));
      } catch (error) {
        // pg-gateway's startup parsing throws on some malformed packets.
        this.reject(new PgError(SQLSTATE.protocolViolation, `invalid startup packet: ${String(error)}`));
        this.socket.destroy();
        return;
      }
    }
  }

  private peek(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks.splice(0, this.chunks.length, Buffer.concat(this.chunks));
    return this.chunks[0]!.subarray(0, bytes);
  }

  private take(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks.splice(0, this.chunks.length, Buffer.concat(this.chunks));
    const first = this.chunks[0]!;
    const message = first.subarray(0, bytes);
    if (first.length === bytes) this.chunks.shift();
    else this.chunks[0] = first.subarray(bytes);
    this.buffered -= bytes;
    return message;
  }
}
