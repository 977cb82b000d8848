import * as fs from "node:fs";
import * as path from "node:path";

/** A data file a filesystem source reads. */
export interface DataFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly modified: number;
}

/**
 * The data files under `root` (itself, when it is a file), sorted by path. As Flink's file source,
 * hidden files and directories (a leading `.` or `_`: in-progress part files, markers) are skipped;
 * `pattern` keeps only paths (relative to `root`) that match it.
 */
export function listDataFiles(root: string, pattern: RegExp | undefined): DataFile[] {
  const stat = fs.statSync(root);
  if (stat.isFile()) return [dataFile(root, stat)];
  const out: DataFile[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.startsWith(".") || name.startsWith("_")) continue;
      const full = path.join(dir, name);
      const s = fs.statSync(full);
      if (s.isDirectory()) walk(full);
      else if (s.isFile() && (!pattern || pattern.test(path.relative(root, full))))
        out.push(dataFile(full, s));
    }
  };
  walk(root);
  return out;
}

function dataFile(full: string, stat: fs.Stats): DataFile {
  return { path: full, name: path.basename(full), size: stat.size, modified: Math.floor(stat.mtimeMs) };
}
