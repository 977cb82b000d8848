// Confluent's subject name strategies (io.confluent.kafka.serializers.subject.*): TopicNameStrategy
// `<topic>-key` / `<topic>-value` (the default, and what Flink's kafka connectors use), RecordNameStrategy
// (the record's full name) and TopicRecordNameStrategy (`<topic>-<full name>`).
import { FormatConfigError } from "../errors.ts";

export type SubjectNameStrategy = "TopicNameStrategy" | "RecordNameStrategy" | "TopicRecordNameStrategy";

const STRATEGIES: readonly SubjectNameStrategy[] = [
  "TopicNameStrategy",
  "RecordNameStrategy",
  "TopicRecordNameStrategy",
];

/** Accepts the short name or Confluent's class name. */
export function parseStrategy(text: string): SubjectNameStrategy {
  const short = text.trim().split(".").pop() ?? "";
  const found = STRATEGIES.find((s) => s.toLowerCase() === short.toLowerCase());
  if (found === undefined) {
    throw new FormatConfigError(
      `unknown subject name strategy '${text}'; use one of ${STRATEGIES.join(", ")}`,
    );
  }
  return found;
}

export function subjectName(
  strategy: SubjectNameStrategy,
  context: { topic?: string; isKey?: boolean },
  recordFullName: string,
): string {
  if (strategy === "RecordNameStrategy") return recordFullName;
  if (context.topic === undefined) {
    throw new FormatConfigError(`the ${strategy} needs a topic; set the format's 'subject' option instead`);
  }
  if (strategy === "TopicRecordNameStrategy") return `${context.topic}-${recordFullName}`;
  return `${context.topic}-${context.isKey ? "key" : "value"}`;
}
