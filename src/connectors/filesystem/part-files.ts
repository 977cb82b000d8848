import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { FilesystemSettings } from "./filesystem-settings.ts";

/** A part file being written: hidden until committed. */
export interface PartFile {
  /** `.part-<uuid>-0-<n>.inprogress`, which readers skip. */
  readonly hidden: string;
  /** `part-<uuid>-0-<n>`, its name once committed. */
  readonly final: string;
  readonly openedAt: number;
}

/**
 * The part files of one sink, named and rolled as Flink's file sink does: `part-<uuid>-0-<n>` in the
 * table's directory, written hidden and made visible (renamed) when they roll — at
 * `sink.rolling-policy.file-size` or after `sink.rolling-policy.rollover-interval` — or when the
 * statement ends. Flink commits on checkpoints, which the embedded engine does not take yet.
 */
export class PartFiles {
  private readonly settings: FilesystemSettings;
  private readonly clock: () => number;
  private readonly prefix = `part-${randomUUID()}-0-`;
  private count = 0;

  constructor(settings: FilesystemSettings, clock: () => number) {
    this.settings = settings;
    this.clock = clock;
  }

  createDirectory(): void {
    fs.mkdirSync(this.settings.path, { recursive: true });
  }

  next(): PartFile {
    const name = `${this.prefix}${this.count++}`;
    return {
      hidden: path.join(this.settings.path, `.${name}.inprogress`),
      final: path.join(this.settings.path, name),
      openedAt: this.clock(),
    };
  }

  /** Whether a part file of `size` bytes should roll now. */
  shouldRoll(file: PartFile, size: number): boolean {
    return (
      size >= this.settings.rollingFileSize ||
      this.clock() - file.openedAt >= this.settings.rolloverIntervalMs
    );
  }

  commit(file: PartFile): void {
    fs.renameSync(file.hidden, file.final);
  }
}
