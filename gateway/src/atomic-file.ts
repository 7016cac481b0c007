import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes a file so that readers see the old or the new content, never a torn one: write a
 * sibling temp file, then rename over the target (atomic on one file system).
 */
export async function writeFileAtomically(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode });
  await rename(tmp, file);
}
