#!/usr/bin/env node
// The CLI is TypeScript run through Node's built-in type stripping (Node >= 22.18).
await import("../src/cli/main.ts");
