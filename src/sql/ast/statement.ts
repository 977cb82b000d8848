import type { Span } from "../../common/source.ts";
import type { DataType } from "../types/data-type.ts";
import type { Expr, IntervalLiteral } from "./expression.ts";
import type { Hint, Ident, Property, QualifiedName } from "./names.ts";
import type { Query } from "./query.ts";

/** Every top-level statement of a script. */
export type Statement =
  | QueryStatement
  | CreateTable
  | CreateView
  | CreateMaterializedTable
  | CreateFunction
  | CreateCatalog
  | CreateDatabase
  | AlterTable
  | AlterMaterializedTable
  | AlterView
  | AlterDatabase
  | AlterCatalog
  | AlterFunction
  | Drop
  | Use
  | SetStatement
  | ResetStatement
  | Show
  | Describe
  | Explain
  | Insert
  | StatementSet
  | JarStatement
  | ModuleStatement
  | CallProcedure;

export interface QueryStatement {
  readonly kind: "queryStatement";
  readonly query: Query;
  readonly span: Span;
}

/** A column of CREATE TABLE: physical, computed or metadata (or, in CREATE TABLE ... AS, untyped). */
export type ColumnDef = PhysicalColumn | ComputedColumn | MetadataColumn | UntypedColumn;

export interface PhysicalColumn {
  readonly kind: "physicalColumn";
  readonly name: Ident;
  readonly type: DataType;
  readonly comment?: string;
  readonly span: Span;
}

/** `name AS expr`: derived on read, not stored. */
export interface ComputedColumn {
  readonly kind: "computedColumn";
  readonly name: Ident;
  readonly expr: Expr;
  readonly comment?: string;
  readonly span: Span;
}

/** `name type METADATA [FROM 'key'] [VIRTUAL]`: a connector's metadata such as a Kafka timestamp. */
export interface MetadataColumn {
  readonly kind: "metadataColumn";
  readonly name: Ident;
  readonly type: DataType;
  readonly from?: string;
  readonly virtual: boolean;
  readonly comment?: string;
  readonly span: Span;
}

/**
 * A bare column name in the column list of `CREATE TABLE t (b, a) ... AS SELECT a, b ...`: a column of
 * the query, listed to fix its position in the new table; its type comes from the query.
 */
export interface UntypedColumn {
  readonly kind: "untypedColumn";
  readonly name: Ident;
  readonly span: Span;
}

/**
 * `[CONSTRAINT name] PRIMARY KEY (cols) NOT ENFORCED`. A column-level `PRIMARY KEY` is parsed into this
 * table-level form.
 */
export interface PrimaryKey {
  readonly kind: "primaryKey";
  readonly constraintName?: Ident;
  readonly columns: readonly Ident[];
  readonly span: Span;
}

export interface Watermark {
  readonly kind: "watermark";
  readonly column: Ident;
  readonly expr: Expr;
  readonly span: Span;
}

/** `DISTRIBUTED BY [HASH | RANGE](cols) [INTO n BUCKETS]` or `DISTRIBUTED INTO n BUCKETS`. */
export interface Distribution {
  readonly kind: "distribution";
  readonly algorithm?: "HASH" | "RANGE";
  readonly columns: readonly Ident[];
  readonly buckets?: number;
  readonly span: Span;
}

export type LikeFeature =
  | "ALL"
  | "CONSTRAINTS"
  | "DISTRIBUTION"
  | "GENERATED"
  | "METADATA"
  | "OPTIONS"
  | "PARTITIONS"
  | "WATERMARKS";

/** `LIKE source (INCLUDING ALL EXCLUDING OPTIONS ...)`. */
export interface LikeClause {
  readonly kind: "like";
  readonly source: QualifiedName;
  readonly options: readonly {
    readonly action: "INCLUDING" | "EXCLUDING" | "OVERWRITING";
    readonly feature: LikeFeature;
  }[];
  readonly span: Span;
}

export interface CreateTable {
  readonly kind: "createTable";
  readonly temporary: boolean;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey?: PrimaryKey;
  readonly watermark?: Watermark;
  readonly comment?: string;
  readonly distribution?: Distribution;
  readonly partitionedBy: readonly Ident[];
  readonly options: readonly Property[];
  readonly like?: LikeClause;
  /** CREATE TABLE ... AS SELECT. */
  readonly asQuery?: Query;
  readonly span: Span;
}

export interface CreateView {
  readonly kind: "createView";
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly Ident[];
  readonly comment?: string;
  readonly query: Query;
  readonly span: Span;
}

export interface CreateMaterializedTable {
  readonly kind: "createMaterializedTable";
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly primaryKey?: PrimaryKey;
  readonly comment?: string;
  readonly distribution?: Distribution;
  readonly partitionedBy: readonly Ident[];
  readonly options: readonly Property[];
  readonly freshness?: IntervalLiteral;
  readonly refreshMode?: "FULL" | "CONTINUOUS";
  readonly query: Query;
  readonly span: Span;
}

export interface CreateFunction {
  readonly kind: "createFunction";
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  /** The implementing class or module, e.g. `'com.acme.CountChar'` or a TypeScript module path. */
  readonly implementation: string;
  readonly language?: "JAVA" | "SCALA" | "PYTHON" | "TYPESCRIPT";
  /** `USING JAR '...'` resources. */
  readonly using: readonly string[];
  readonly span: Span;
}

export interface CreateCatalog {
  readonly kind: "createCatalog";
  readonly ifNotExists: boolean;
  readonly name: Ident;
  readonly comment?: string;
  readonly options: readonly Property[];
  readonly span: Span;
}

export interface CreateDatabase {
  readonly kind: "createDatabase";
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly comment?: string;
  readonly options: readonly Property[];
  readonly span: Span;
}

/** A column, watermark, key or distribution added or modified by ALTER TABLE. */
export type SchemaChange =
  | {
      readonly kind: "columnChange";
      readonly column: ColumnDef;
      readonly position?: { readonly kind: "first" } | { readonly kind: "after"; readonly column: Ident };
    }
  | { readonly kind: "watermarkChange"; readonly watermark: Watermark }
  | { readonly kind: "primaryKeyChange"; readonly primaryKey: PrimaryKey }
  | { readonly kind: "distributionChange"; readonly distribution: Distribution };

export type AlterTableAction =
  | { readonly kind: "setOptions"; readonly options: readonly Property[] }
  | { readonly kind: "resetOptions"; readonly keys: readonly string[] }
  | { readonly kind: "add" | "modify"; readonly changes: readonly SchemaChange[] }
  | { readonly kind: "dropColumns"; readonly columns: readonly Ident[] }
  | { readonly kind: "dropWatermark" | "dropPrimaryKey" | "dropDistribution" }
  | { readonly kind: "renameTable"; readonly to: QualifiedName }
  | { readonly kind: "renameColumn"; readonly from: Ident; readonly to: Ident };

export interface AlterTable {
  readonly kind: "alterTable";
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  readonly action: AlterTableAction;
  readonly span: Span;
}

/** `ALTER MATERIALIZED TABLE t SUSPEND | RESUME [WITH (...)] | REFRESH [PARTITION (...)] | AS query`. */
export interface AlterMaterializedTable {
  readonly kind: "alterMaterializedTable";
  readonly name: QualifiedName;
  readonly action:
    | { readonly kind: "suspend" }
    | { readonly kind: "resume"; readonly options: readonly Property[] }
    | { readonly kind: "refresh"; readonly partition: readonly Property[] }
    | { readonly kind: "asQuery"; readonly query: Query };
  readonly span: Span;
}

/** `ALTER VIEW v RENAME TO w` or `ALTER VIEW v AS query`. */
export interface AlterView {
  readonly kind: "alterView";
  readonly name: QualifiedName;
  readonly action:
    | { readonly kind: "renameView"; readonly to: QualifiedName }
    | { readonly kind: "asQuery"; readonly query: Query };
  readonly span: Span;
}

/** `ALTER DATABASE db SET ('k' = 'v', ...)`. */
export interface AlterDatabase {
  readonly kind: "alterDatabase";
  readonly name: QualifiedName;
  readonly options: readonly Property[];
  readonly span: Span;
}

/** `ALTER CATALOG c SET ('k' = 'v', ...) | RESET ('k', ...) | COMMENT '...'`. */
export interface AlterCatalog {
  readonly kind: "alterCatalog";
  readonly name: Ident;
  readonly action:
    | { readonly kind: "set"; readonly options: readonly Property[] }
    | { readonly kind: "reset"; readonly keys: readonly string[] }
    | { readonly kind: "comment"; readonly comment: string };
  readonly span: Span;
}

/** `ALTER [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] f AS 'impl' [LANGUAGE ...]`: a new implementation. */
export interface AlterFunction {
  readonly kind: "alterFunction";
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  readonly implementation: string;
  readonly language?: "JAVA" | "SCALA" | "PYTHON" | "TYPESCRIPT";
  readonly span: Span;
}

export interface Drop {
  readonly kind: "drop";
  readonly object: "TABLE" | "VIEW" | "MATERIALIZED TABLE" | "FUNCTION" | "CATALOG" | "DATABASE";
  readonly temporary: boolean;
  readonly system: boolean;
  readonly ifExists: boolean;
  readonly name: QualifiedName;
  /** DROP DATABASE ... CASCADE | RESTRICT. */
  readonly cascade?: boolean;
  readonly span: Span;
}

export interface Use {
  readonly kind: "use";
  /** `USE CATALOG c`, or `USE db` / `USE c.db`. */
  readonly target: "CATALOG" | "DATABASE";
  readonly name: QualifiedName;
  readonly span: Span;
}

/** `SET 'k' = 'v'`, or `SET` alone to list the session's settings. */
export interface SetStatement {
  readonly kind: "set";
  readonly property?: Property;
  readonly span: Span;
}

export interface ResetStatement {
  readonly kind: "reset";
  readonly key?: string;
  readonly span: Span;
}

export type ShowObject =
  | "CATALOGS"
  | "CURRENT CATALOG"
  | "DATABASES"
  | "CURRENT DATABASE"
  | "TABLES"
  | "VIEWS"
  | "MATERIALIZED TABLES"
  | "FUNCTIONS"
  | "USER FUNCTIONS"
  | "MODULES"
  | "FULL MODULES"
  | "JOBS"
  | "JARS"
  | "COLUMNS"
  | "PARTITIONS"
  | "CREATE TABLE"
  | "CREATE VIEW"
  | "CREATE MATERIALIZED TABLE"
  | "CREATE CATALOG";

export interface Show {
  readonly kind: "show";
  readonly object: ShowObject;
  /** The table of `SHOW CREATE TABLE t` / `SHOW COLUMNS FROM t`, or the database of `SHOW TABLES FROM db`. */
  readonly target?: QualifiedName;
  /** `SHOW PARTITIONS t PARTITION (k = v, ...)`: the partition values to match. */
  readonly partition?: readonly { readonly column: Ident; readonly value: Expr }[];
  readonly like?: { readonly negated: boolean; readonly ilike: boolean; readonly pattern: string };
  readonly span: Span;
}

export interface Describe {
  readonly kind: "describe";
  readonly extended: boolean;
  readonly name: QualifiedName;
  readonly span: Span;
}

export type ExplainDetail = "ESTIMATED_COST" | "CHANGELOG_MODE" | "JSON_EXECUTION_PLAN" | "PLAN_ADVICE";

export interface Explain {
  readonly kind: "explain";
  readonly details: readonly ExplainDetail[];
  readonly statement: QueryStatement | Insert | StatementSet;
  readonly span: Span;
}

export interface Insert {
  readonly kind: "insert";
  readonly overwrite: boolean;
  readonly table: QualifiedName;
  readonly hints: readonly Hint[];
  /** Static partition values: `PARTITION (dt = '2024-01-01')`. */
  readonly partition: readonly { readonly column: Ident; readonly value: Expr }[];
  readonly columns: readonly Ident[];
  readonly source: Query;
  readonly span: Span;
}

/** `EXECUTE STATEMENT SET BEGIN ...; END` or `BEGIN STATEMENT SET; ...; END`: inserts run as one job. */
export interface StatementSet {
  readonly kind: "statementSet";
  readonly syntax: "EXECUTE" | "BEGIN";
  readonly inserts: readonly Insert[];
  readonly span: Span;
}

/** `ADD JAR '<path>'` / `REMOVE JAR '<path>'`: the SQL client's session resources. */
export interface JarStatement {
  readonly kind: "jar";
  readonly action: "ADD" | "REMOVE";
  readonly path: string;
  readonly span: Span;
}

/** `LOAD MODULE name [WITH ('k' = 'v', ...)]` / `UNLOAD MODULE name`. */
export interface ModuleStatement {
  readonly kind: "module";
  readonly action: "LOAD" | "UNLOAD";
  readonly name: Ident;
  readonly options: readonly Property[];
  readonly span: Span;
}

/** `CALL [catalog.db.]procedure(arg, ...)`: a catalog's stored procedure. */
export interface CallProcedure {
  readonly kind: "callProcedure";
  readonly procedure: QualifiedName;
  readonly args: readonly Expr[];
  readonly span: Span;
}
