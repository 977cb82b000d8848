// The entry point of a pool worker: runs its instance of each parallel statement the main thread starts.
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { MessageTarget } from "./in-flight.ts";
import type { ThreadMessage } from "./messages.ts";
import type { WorkerSetup } from "./worker-setup.ts";
import { type WorkerLinks, WorkerStatement } from "./worker-statement.ts";

const setup = workerData as WorkerSetup;
const links: WorkerLinks = {
  instance: setup.instance,
  parallelism: setup.parallelism,
  main: parentPort! as MessageTarget,
  peers: setup.peers as readonly (MessageTarget | null)[],
};
const statements = new Map<number, WorkerStatement>();
/** Messages from other workers for a statement whose start has not arrived yet (another channel). */
const early = new Map<number, ThreadMessage[]>();
/** Statements stopped here: late messages for them are dropped. */
const stopped = new Set<number>();

function onMessage(message: ThreadMessage): void {
  if (!("s" in message)) return;
  if (message.t === "start") {
    const statement = new WorkerStatement(message.s, message.setup, links);
    statements.set(message.s, statement);
    for (const m of early.get(message.s) ?? []) statement.receive(m);
    early.delete(message.s);
    return;
  }
  if (message.t === "stop") {
    statements.get(message.s)?.stop();
    statements.delete(message.s);
    early.delete(message.s);
    stopped.add(message.s);
    return;
  }
  const statement = statements.get(message.s);
  if (statement) statement.receive(message);
  else if (!stopped.has(message.s)) {
    const waiting = early.get(message.s);
    if (waiting) waiting.push(message);
    else early.set(message.s, [message]);
  }
}

parentPort!.on("message", onMessage);
for (const port of setup.peers) (port as MessagePort | null)?.on("message", onMessage);
parentPort!.postMessage({ t: "ready" } satisfies ThreadMessage);
