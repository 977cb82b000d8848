// Registry connection and subject options of a registry format, under its prefix: Flink's
// '<prefix>.url', '.subject', '.basic-auth.credentials-source' (USER_INFO | URL),
// '.basic-auth.user-info', '.bearer-auth.token', and Confluent client properties forwarded through
// '<prefix>.properties.*' ('key.subject.name.strategy' / 'value.subject.name.strategy').
import { FormatConfigError } from "../errors.ts";
import type { FormatContext, FormatOptions } from "../format.ts";
import { OptionReader } from "../options.ts";
import { SchemaRegistryClient } from "../registry/schema-registry-client.ts";
import { parseStrategy, type SubjectNameStrategy, subjectName } from "../registry/subject-naming.ts";

export interface RegistrySettings {
  readonly client: SchemaRegistryClient;
  /** The subject for a writer schema with this record full name. */
  subjectFor(recordFullName: string): string;
}

/** One client per registry URL and credentials, shared by all tables of the process (shared caches). */
const clients = new Map<string, SchemaRegistryClient>();

export function readRegistrySettings(
  prefix: string,
  options: FormatOptions,
  context: FormatContext = {},
): RegistrySettings {
  const reader = new OptionReader(prefix, options);
  const url = reader.string("url");
  if (url === undefined)
    throw new FormatConfigError(`option '${prefix}.url' (the schema registry URL) is required`);
  const source = reader.choice("basic-auth.credentials-source", ["USER_INFO", "URL"], "URL");
  const userInfo = source === "USER_INFO" ? reader.string("basic-auth.user-info") : undefined;
  if (source === "USER_INFO" && userInfo === undefined) {
    throw new FormatConfigError(
      `option '${prefix}.basic-auth.user-info' is required when the credentials source is USER_INFO`,
    );
  }
  const token = reader.string("bearer-auth.token");
  const cacheKey = `${url}\u0000${userInfo ?? ""}\u0000${token ?? ""}`;
  let client = clients.get(cacheKey);
  if (client === undefined) {
    client = new SchemaRegistryClient({
      url,
      ...(userInfo === undefined ? {} : { basicAuthUserInfo: userInfo }),
      ...(token === undefined ? {} : { bearerToken: token }),
    });
    clients.set(cacheKey, client);
  }
  const explicitSubject = reader.string("subject");
  const strategyText = reader.string(`properties.${context.isKey ? "key" : "value"}.subject.name.strategy`);
  const strategy: SubjectNameStrategy =
    strategyText === undefined ? "TopicNameStrategy" : parseStrategy(strategyText);
  return {
    client,
    subjectFor: (recordFullName) => explicitSubject ?? subjectName(strategy, context, recordFullName),
  };
}
