import { mkdirSync, writeFileSync } from 'node:fs';

const folder = 'bench/results';

/** Writes bench/results/<fileName> with when and on which Node the figures were measured; returns its path. */
export function writeResults(fileName: string, results: Record<string, unknown>): string {
  const path = `${folder}/${fileName}`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`);
  return path;
}
