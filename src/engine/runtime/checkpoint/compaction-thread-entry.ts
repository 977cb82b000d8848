// The entry point of the compaction thread (CompactionThread): merges checkpoint chains into bases,
// one at a time, in the order asked; the files are immutable, so it needs nothing from the engine.
import { parentPort } from "node:worker_threads";
import { ChainCompaction } from "./chain-compaction.ts";
import type { CompactionReply, CompactionRequest } from "./compaction-messages.ts";

parentPort!.on("message", (request: CompactionRequest) => {
  const compaction = new ChainCompaction(request.chain, request.checkpointId, request.target);
  compaction.run(Number.POSITIVE_INFINITY);
  const outcome = compaction.outcome!;
  const reply: CompactionReply =
    "bytes" in outcome
      ? { job: request.job, bytes: outcome.bytes }
      : {
          job: request.job,
          error: `merging the chain of ${request.chain.at(-1)} into ${request.target}: ${outcome.error.message}`,
        };
  parentPort!.postMessage(reply);
});
