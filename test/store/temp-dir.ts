import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach } from "vitest";

const created: string[] = [];

/** A fresh temporary directory, deleted after the current test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-store-"));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function bytes(text: string): Uint8Array {
  return Buffer.from(text, "utf8");
}

export function text(value: Uint8Array | null): string | null {
  return value === null ? null : Buffer.from(value).toString("utf8");
}
