// CPU time and memory of processes other than this one (Flink's JVMs), read from Linux's /proc.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

let ticksPerSecond: number | undefined;

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times (almost always 100). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const answer = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
    const ticks = Number(answer.stdout?.trim());
    ticksPerSecond = Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  }
  return ticksPerSecond;
}

/** User + system CPU seconds the process (all its threads) has used since it started. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks();
}

/** Peak resident set size (VmHWM) of a process, in bytes. */
export function processPeakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * Resets a process's peak RSS to its current RSS (Linux clear_refs "5"), so the next reading is the
 * peak of what ran in between. Returns false when not permitted (another user's process).
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds of this process plus those of its children that have ended (the benchmark's workers). */
export function ownCpuSecondsWithChildren(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime: fields 14–17.
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / clockTicks();
}
