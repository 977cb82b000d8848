import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { closestMatch, type Diagnostic, diagnostic } from "../../common/diagnostic.ts";
import type { SourceText, Span } from "../../common/source.ts";

/**
 * A place in a YAML file: the node found there (absent when the key is missing) and the path that led
 * to it, e.g. `outputPorts[1].contractId`, which every message starts with.
 */
export interface YamlField {
  readonly node: Node | undefined;
  readonly path: string;
  /** Where a message about a missing node points: the enclosing mapping. */
  readonly fallback: Span;
}

/**
 * Reads one YAML file field by field, collecting every problem (file, line:column, field, why)
 * instead of stopping at the first, so a descriptor's author sees all of them at once.
 */
export class YamlReader {
  readonly source: SourceText;
  readonly diagnostics: Diagnostic[] = [];
  readonly root: YamlField;
  private readonly lines = new LineCounter();
  /** Where each field met so far was written, by path, for checks that span two files. */
  private readonly positions = new Map<string, Span>();

  constructor(source: SourceText) {
    this.source = source;
    const document = parseDocument(source.text, { lineCounter: this.lines, prettyErrors: false });
    for (const error of document.errors) {
      const [start, end] = error.pos;
      const why = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      this.diagnostics.push(diagnostic("product/yaml", `not valid YAML: ${why}`, this.spanAt(start, end)));
    }
    const top = document.contents ?? undefined;
    this.root = { node: top === null ? undefined : top, path: "", fallback: this.spanAt(0, 0) };
  }

  /** The mapping at `field`, or undefined (with a problem) when it is missing or not a mapping. */
  object(field: YamlField, allowedKeys: readonly string[], required = true): YamlObject | undefined {
    if (!field.node) {
      if (required && field.path === "")
        this.error(field, "product/missing-field", "the file is empty: expected a mapping of fields");
      else if (required) this.error(field, "product/missing-field", "is required");
      return undefined;
    }
    if (!isMap(field.node)) {
      this.error(field, "product/wrong-type", "must be a mapping of fields");
      return undefined;
    }
    const entries = new Map<string, YamlField>();
    const here = this.span(field.node);
    for (const pair of field.node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keyField: YamlField = {
        node: keyNode ?? undefined,
        path: join(field.path, key ?? "?"),
        fallback: here,
      };
      if (key === undefined) {
        this.error(keyField, "product/wrong-type", "field names must be plain text");
        continue;
      }
      if (!allowedKeys.includes(key)) {
        const near = closestMatch(key, allowedKeys);
        this.error(
          keyField,
          "product/unknown-field",
          "is not a field here",
          near ? [`did you mean ${near}?`] : [],
        );
        continue;
      }
      const value = pair.value as Node | null;
      this.positions.set(keyField.path, value ? this.span(value) : keyField.fallback);
      entries.set(key, {
        node: value ?? undefined,
        path: keyField.path,
        fallback: keyNode ? this.span(keyNode) : here,
      });
    }
    return new YamlObject(this, field, entries);
  }

  /** The items of the sequence at `field`; a missing sequence is empty. */
  list(field: YamlField, required = false): YamlField[] {
    if (!field.node) {
      if (required) this.error(field, "product/missing-field", "is required (a list)");
      return [];
    }
    if (!isSeq(field.node)) {
      this.error(field, "product/wrong-type", "must be a list");
      return [];
    }
    const here = this.span(field.node);
    return field.node.items.map((item, i) => {
      const node = (item as Node | null) ?? undefined;
      const path = `${field.path}[${i}]`;
      this.positions.set(path, node ? this.span(node) : here);
      return { node, path, fallback: here };
    });
  }

  /** A text scalar. Numbers and booleans are refused rather than converted: `1.10` would read as `1.1`. */
  string(field: YamlField, required = false): string | undefined {
    const value = this.scalar(field, required);
    if (value === undefined) return undefined;
    if (typeof value !== "string") {
      this.error(field, "product/wrong-type", `must be text; quote it: "${this.text(field)}"`);
      return undefined;
    }
    if (value.trim() === "") {
      this.error(field, "product/invalid-value", "must not be empty");
      return undefined;
    }
    return value;
  }

  number(field: YamlField, required = false): number | undefined {
    const value = this.scalar(field, required);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.error(field, "product/wrong-type", "must be a number");
      return undefined;
    }
    return value;
  }

  boolean(field: YamlField): boolean | undefined {
    const value = this.scalar(field, false);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") {
      this.error(field, "product/wrong-type", "must be true or false");
      return undefined;
    }
    return value;
  }

  /** A text scalar that must be one of `allowed`. */
  choice<T extends string>(field: YamlField, allowed: readonly T[], required = false): T | undefined {
    const value = this.string(field, required);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      const near = closestMatch(value, allowed);
      this.error(field, "product/invalid-value", `'${value}' is not one of ${allowed.join(", ")}`, [
        ...(near ? [`did you mean ${near}?`] : []),
      ]);
      return undefined;
    }
    return value as T;
  }

  stringList(field: YamlField): string[] {
    return this.list(field).flatMap((item) => this.string(item, true) ?? []);
  }

  error(field: YamlField, code: string, why: string, hints: readonly string[] = []): void {
    this.errorAt(field.node ? this.span(field.node) : field.fallback, field.path, code, why, hints);
  }

  /** A problem about `path` pointing at `span` (e.g. a column found earlier, whose node is gone). */
  errorAt(span: Span, path: string, code: string, why: string, hints: readonly string[] = []): void {
    this.diagnostics.push(diagnostic(code, path === "" ? why : `${path}: ${why}`, span, hints));
  }

  /** Where the field at `path` was written (the file's start if it was not). */
  spanOf(path: string): Span {
    return this.positions.get(path) ?? this.spanAt(0, 0);
  }

  span(node: Node): Span {
    const [start, end] = node.range ?? [0, 0];
    return this.spanAt(start, end);
  }

  private spanAt(start: number, end: number): Span {
    const { line, col } = this.lines.linePos(start);
    return { start, end: Math.max(end, start + 1), line, col };
  }

  private scalar(field: YamlField, required: boolean): unknown {
    if (!field.node || (isScalar(field.node) && field.node.value === null)) {
      if (required) this.error(field, "product/missing-field", "is required");
      return undefined;
    }
    if (!isScalar(field.node)) {
      this.error(field, "product/wrong-type", "must be a single value, not a list or mapping");
      return undefined;
    }
    return field.node.value;
  }

  private text(field: YamlField): string {
    return isScalar(field.node) ? (field.node.source ?? String(field.node.value)) : "";
  }
}

/** The fields of one YAML mapping, already checked against the names the standard allows there. */
export class YamlObject {
  readonly reader: YamlReader;
  readonly field: YamlField;
  private readonly entries: ReadonlyMap<string, YamlField>;

  constructor(reader: YamlReader, field: YamlField, entries: ReadonlyMap<string, YamlField>) {
    this.reader = reader;
    this.field = field;
    this.entries = entries;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The field under `key`; when absent, messages about it point at this mapping. */
  get(key: string): YamlField {
    return (
      this.entries.get(key) ?? {
        node: undefined,
        path: join(this.field.path, key),
        fallback: this.field.node ? this.reader.span(this.field.node) : this.field.fallback,
      }
    );
  }

  string(key: string, required = false): string | undefined {
    return this.reader.string(this.get(key), required);
  }

  number(key: string, required = false): number | undefined {
    return this.reader.number(this.get(key), required);
  }

  boolean(key: string): boolean | undefined {
    return this.reader.boolean(this.get(key));
  }

  choice<T extends string>(key: string, allowed: readonly T[], required = false): T | undefined {
    return this.reader.choice(this.get(key), allowed, required);
  }

  list(key: string, required = false): YamlField[] {
    return this.reader.list(this.get(key), required);
  }

  stringList(key: string): string[] {
    return this.reader.stringList(this.get(key));
  }

  object(key: string, allowedKeys: readonly string[], required = false): YamlObject | undefined {
    return this.reader.object(this.get(key), allowedKeys, required);
  }

  /** Where this mapping starts, for messages about it as a whole. */
  span(): Span {
    return this.field.node ? this.reader.span(this.field.node) : this.field.fallback;
  }
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
