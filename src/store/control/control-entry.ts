/** A committed read position of a consumer group: the next offset the group will read. */
export interface GroupOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Where a transaction started writing in one partition; everything from there on is rolled back if it never commits. */
export interface TransactionRange {
  readonly topic: string;
  readonly partition: number;
  readonly start: number;
}

/** One record of the store's control log (JSON in the record value). */
export type ControlEntry =
  | { readonly type: "prepare"; readonly txn: number; readonly ranges: readonly TransactionRange[] }
  | { readonly type: "commit"; readonly txn: number; readonly offsets: readonly GroupOffset[] }
  | { readonly type: "abort"; readonly txn: number }
  | { readonly type: "offsets"; readonly offsets: readonly GroupOffset[] }
  | {
      readonly type: "checkpoint";
      readonly nextTxn: number;
      readonly offsets: readonly GroupOffset[];
      readonly prepared: readonly { readonly txn: number; readonly ranges: readonly TransactionRange[] }[];
    };
