// A client for the Confluent Schema Registry REST API (also served by Apicurio's ccompat API and
// Confluent Cloud): register a schema under a subject, look schemas up by id or subject, check
// compatibility. Answers are cached (ids and schemas never change once registered). Transient
// failures (network errors, 429, 5xx) are retried a bounded number of times with backoff. Error
// messages name the URL without credentials.

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

export type SchemaType = "AVRO" | "JSON" | "PROTOBUF";

export interface RegisteredSchema {
  readonly id: number;
  readonly schema: string;
  readonly schemaType: SchemaType;
  readonly subject?: string;
  readonly version?: number;
}

export interface SchemaRegistryOptions {
  /** Registry root, e.g. http://localhost:8081 or http://host/apis/ccompat/v7. */
  readonly url: string;
  /** "user:password" (Flink's basic-auth.user-info); user info in the URL is used too. */
  readonly basicAuthUserInfo?: string;
  readonly bearerToken?: string;
  /** Attempts per request, including the first (default 3). */
  readonly attempts?: number;
  /** First backoff in ms, doubled per retry (default 100). */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
}

export class SchemaRegistryError extends Error {
  readonly status: number | undefined;
  readonly errorCode: number | undefined;
  constructor(message: string, status?: number, errorCode?: number) {
    super(message);
    this.name = "SchemaRegistryError";
    this.status = status;
    this.errorCode = errorCode;
  }
}

interface RegistryAnswer {
  readonly id?: number;
  readonly schema?: string;
  readonly schemaType?: SchemaType;
  readonly subject?: string;
  readonly version?: number;
  readonly is_compatible?: boolean;
  readonly error_code?: number;
  readonly message?: string;
}

export class SchemaRegistryClient {
  readonly #root: string;
  readonly #headers: Record<string, string>;
  readonly #attempts: number;
  readonly #backoffMs: number;
  readonly #fetch: typeof fetch;
  readonly #byId = new Map<number, Promise<RegisteredSchema>>();
  readonly #registered = new Map<string, Promise<number>>();

  constructor(options: SchemaRegistryOptions) {
    const url = new URL(options.url);
    let userInfo = options.basicAuthUserInfo;
    if (userInfo === undefined && url.username !== "") {
      userInfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    url.username = "";
    url.password = "";
    this.#root = url.toString().replace(/\/+$/, "");
    this.#headers = { Accept: CONTENT_TYPE };
    if (userInfo !== undefined)
      this.#headers.Authorization = `Basic ${Buffer.from(userInfo).toString("base64")}`;
    else if (options.bearerToken !== undefined) this.#headers.Authorization = `Bearer ${options.bearerToken}`;
    this.#attempts = Math.max(1, options.attempts ?? 3);
    this.#backoffMs = options.backoffMs ?? 100;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The registry root without credentials (safe to show). */
  get url(): string {
    return this.#root;
  }

  /** POST /subjects/{subject}/versions → the schema's id (registering it if new). */
  register(subject: string, schema: string, schemaType: SchemaType = "AVRO"): Promise<number> {
    const key = `${subject}\u0000${schemaType}\u0000${schema}`;
    let pending = this.#registered.get(key);
    if (pending === undefined) {
      const body = schemaType === "AVRO" ? { schema } : { schema, schemaType };
      pending = this.#call("POST", `/subjects/${encodeURIComponent(subject)}/versions`, body).then(
        (answer) => {
          if (typeof answer.id !== "number")
            throw this.#malformed("POST", `/subjects/${subject}/versions`, "id");
          return answer.id;
        },
      );
      pending.catch(() => this.#registered.delete(key));
      this.#registered.set(key, pending);
    }
    return pending;
  }

  /** GET /schemas/ids/{id}. */
  schemaById(id: number): Promise<RegisteredSchema> {
    let pending = this.#byId.get(id);
    if (pending === undefined) {
      pending = this.#call("GET", `/schemas/ids/${id}`).then((answer) => {
        if (typeof answer.schema !== "string") throw this.#malformed("GET", `/schemas/ids/${id}`, "schema");
        return { id, schema: answer.schema, schemaType: answer.schemaType ?? "AVRO" };
      });
      pending.catch(() => this.#byId.delete(id));
      this.#byId.set(id, pending);
    }
    return pending;
  }

  /** GET /subjects/{subject}/versions/latest (not cached: the latest version moves). */
  async latest(subject: string): Promise<RegisteredSchema> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions/latest`;
    const answer = await this.#call("GET", path);
    if (typeof answer.id !== "number" || typeof answer.schema !== "string")
      throw this.#malformed("GET", path, "id/schema");
    return {
      id: answer.id,
      schema: answer.schema,
      schemaType: answer.schemaType ?? "AVRO",
      subject,
      ...(answer.version === undefined ? {} : { version: answer.version }),
    };
  }

  /** POST /compatibility/subjects/{subject}/versions/{version}: may `schema` be registered next? */
  async isCompatible(
    subject: string,
    schema: string,
    version: number | "latest" = "latest",
    schemaType: SchemaType = "AVRO",
  ): Promise<boolean> {
    const path = `/compatibility/subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const answer = await this.#call(
      "POST",
      path,
      schemaType === "AVRO" ? { schema } : { schema, schemaType },
    );
    return answer.is_compatible === true;
  }

  #malformed(method: string, path: string, field: string): SchemaRegistryError {
    return new SchemaRegistryError(
      `schema registry answer to ${method} ${this.#root}${path} has no ${field}`,
    );
  }

  async #call(method: string, path: string, body?: unknown): Promise<RegistryAnswer> {
    const url = `${this.#root}${path}`;
    const init: RequestInit = { method, headers: this.#headers };
    if (body !== undefined) {
      init.headers = { ...this.#headers, "Content-Type": CONTENT_TYPE };
      init.body = JSON.stringify(body);
    }
    let lastError: SchemaRegistryError | undefined;
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, this.#backoffMs * 2 ** (attempt - 2)));
      let response: Response;
      try {
        response = await this.#fetch(url, init);
      } catch (error) {
        const cause =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        lastError = new SchemaRegistryError(`schema registry ${method} ${url} failed: ${cause}`);
        continue;
      }
      const text = await response.text();
      let answer: RegistryAnswer = {};
      try {
        answer = text === "" ? {} : (JSON.parse(text) as RegistryAnswer);
      } catch {
        answer = { message: text.slice(0, 200) };
      }
      if (response.ok) return answer;
      lastError = new SchemaRegistryError(
        `schema registry ${method} ${url} answered ${response.status}` +
          (answer.error_code === undefined ? "" : ` (error ${answer.error_code})`) +
          (answer.message === undefined ? "" : `: ${answer.message}`),
        response.status,
        answer.error_code,
      );
      if (response.status !== 429 && response.status < 500) break;
    }
    throw lastError ?? new SchemaRegistryError(`schema registry ${method} ${url} failed`);
  }
}
