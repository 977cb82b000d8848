import type { AddressInfo } from "node:net";
import { buildRestApp, type RestAppOptions } from "./rest-app.ts";

export interface RestServerOptions extends RestAppOptions {
  /** 127.0.0.1 unless given: serving beyond this machine is a decision, not a default. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface RestServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, for printing and clients. */
  readonly url: string;
  /** Ends live change streams (each gets an `end` event), stops accepting requests and waits for open ones. */
  close(): Promise<void>;
}

/** Serves the products' REST interface on a socket. */
export async function startRestServer(options: RestServerOptions): Promise<RestServer> {
  const app = await buildRestApp(options);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ host, port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return { host, port, url: `http://${shown}:${port}`, close: () => app.close() };
}
