// Fails when a module imports from a layer above it (see ARCHITECTURE.md).
// Layers are listed bottom-up; a module may import its own layer or any layer below it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const LAYERS: readonly (readonly string[])[] = [
  ["common"],
  ["sql"],
  ["formats", "store"],
  ["connectors"],
  ["engine"],
  ["pipelines"],
  ["product"],
  ["serve"],
  ["cli", "console"],
];

const root = resolve(import.meta.dirname, "..", "src");
const layerOf = (module: string): number => LAYERS.findIndex((layer) => layer.includes(module));

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith(".ts")) yield path;
  }
}

const problems: string[] = [];
for (const file of sourceFiles(root)) {
  const module = relative(root, file).split(sep)[0]!;
  const own = layerOf(module);
  if (own < 0) {
    problems.push(`${relative(root, file)}: folder src/${module} is not in a layer of scripts/check-deps.ts`);
    continue;
  }
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/from\s+"(\.[^"]+)"/g)) {
    const target = relative(root, resolve(dirname(file), match[1]!)).split(sep)[0]!;
    const theirs = layerOf(target);
    if (theirs > own)
      problems.push(`${relative(root, file)}: imports ${match[1]} (layer ${target} is above ${module})`);
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("dependency direction: ok");
