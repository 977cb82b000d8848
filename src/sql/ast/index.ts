export type * from "./expression.ts";
export type * from "./names.ts";
export type * from "./query.ts";
export type * from "./statement.ts";
