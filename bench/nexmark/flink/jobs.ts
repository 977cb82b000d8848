// Flink jobs through the JobManager's REST API: wait for a bounded job to end and read how long it ran.
import { cancelJob, jobFailure } from "../../../test/infra/flink-gateway.ts";

export type EndedJob =
  | { readonly state: "FINISHED"; readonly durationMs: number }
  | { readonly state: "FAILED" | "CANCELED"; readonly durationMs: number; readonly failure: string }
  | { readonly state: "TIMED_OUT"; readonly failure: string };

interface JobDetails {
  readonly state: string;
  /** Milliseconds from the job's creation on the JobManager to its end (or to now while it runs). */
  readonly duration: number;
}

const POLL_MS = 100;

/** Polls `/jobs/<id>` until the job ends; after `timeoutMs` cancels it. */
export async function waitForJob(restUrl: string, jobId: string, timeoutMs: number): Promise<EndedJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${restUrl}/jobs/${jobId}`);
    if (!response.ok) throw new Error(`Flink job ${jobId}: HTTP ${response.status}`);
    const job = (await response.json()) as JobDetails;
    if (job.state === "FINISHED") return { state: "FINISHED", durationMs: job.duration };
    if (job.state === "FAILED" || job.state === "CANCELED") {
      const failure = (await jobFailure(restUrl, jobId)) ?? job.state.toLowerCase();
      return { state: job.state, durationMs: job.duration, failure };
    }
    if (Date.now() > deadline) {
      await cancelJob(restUrl, jobId);
      return { state: "TIMED_OUT", failure: `canceled after ${Math.round(timeoutMs / 1000)} s` };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
