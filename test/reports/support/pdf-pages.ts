/** Rasterises a PDF with poppler's pdftoppm and inspects the pages' pixels (PPM: no decoder needed). */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PageImage {
  width: number;
  height: number;
  /** RGB bytes, row by row. */
  rgb: Buffer;
}

/** Every page of `pdf` at `dpi`, in order. */
export async function rasterise(pdf: Buffer, dpi = 60): Promise<PageImage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'suptech-pdf-'));
  try {
    await writeFile(join(dir, 'report.pdf'), pdf);
    await run('pdftoppm', ['-r', String(dpi), join(dir, 'report.pdf'), join(dir, 'page')]);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ppm')).sort();
    return Promise.all(files.map(async (f) => parsePpm(await readFile(join(dir, f)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parsePpm(data: Buffer): PageImage {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, rgb: data.subarray(header[0].length, header[0].length + width * height * 3) };
}

/** Pixels within `tolerance` of an RGB colour. */
export function countColour(page: PageImage, [r, g, b]: readonly [number, number, number], tolerance = 10): number {
  let n = 0;
  for (let i = 0; i + 2 < page.rgb.length; i += 3) {
    if (Math.abs(page.rgb[i]! - r) <= tolerance && Math.abs(page.rgb[i + 1]! - g) <= tolerance && Math.abs(page.rgb[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}

/** Share of pixels that are not (near) white. */
export function inkShare(page: PageImage): number {
  let ink = 0;
  for (let i = 0; i + 2 < page.rgb.length; i += 3) if (page.rgb[i]! < 235 || page.rgb[i + 1]! < 235 || page.rgb[i + 2]! < 235) ink++;
  return ink / (page.width * page.height);
}

/**
 * Share of the page's height taken by pixel rows that carry ink: a page holding one stray
 * line of text scores about 0.02, a page of tables or charts far more. Measured on rows
 * rather than pixels so that it does not depend on the font's weight or the page's density.
 */
export function inkedRowShare(page: PageImage): number {
  let inked = 0;
  for (let y = 0; y < page.height; y++) {
    const row = page.rgb.subarray(y * page.width * 3, (y + 1) * page.width * 3);
    for (let i = 0; i + 2 < row.length; i += 3) {
      if (row[i]! < 235 || row[i + 1]! < 235 || row[i + 2]! < 235) { inked++; break; }
    }
  }
  return inked / page.height;
}
