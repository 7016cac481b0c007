import type { Browser } from 'playwright-core';
import { EngineUnavailableError } from '../../../core/src/errors.js';

/** Options of {@link ReportPrinter}. */
export interface ReportPrinterOptions {
  /** The Chromium binary (Debian's by default; no browser is ever downloaded). */
  executablePath: string;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium binary: `SUPTECH_CHROMIUM` when set, else Debian's `/usr/bin/chromium`. */
export function chromiumPathFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.SUPTECH_CHROMIUM || '/usr/bin/chromium';
}

/**
 * Prints report HTML to PDF with headless Chromium. The browser starts on the first print
 * and is reused (a launch costs about a second); each print gets a fresh page with
 * JavaScript disabled and no network, since the HTML is self-contained.
 */
export class ReportPrinter {
  readonly #o: Readonly<ReportPrinterOptions>;
  #browser: Promise<Browser> | undefined;

  constructor(options: Readonly<ReportPrinterOptions>) {
    this.#o = options;
  }

  async print(html: string, footer: { title: string; hash: string }): Promise<Buffer> {
    const browser = await this.#launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4', printBackground: true, preferCSSPageSize: false,
        margin: { top: '16mm', bottom: '18mm', left: '15mm', right: '15mm' },
        displayHeaderFooter: true, headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7px; color: #5a6472; width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;">`
          + `<span>${footer.title} · sha256 ${footer.hash.slice(0, 16)}…</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  #launch(): Promise<Browser> {
    this.#browser ??= (async () => {
      try {
        // Loaded on demand: only PDF rendering needs a browser driver.
        const { chromium } = await import('playwright-core');
        return await chromium.launch({ executablePath: this.#o.executablePath, args: CHROMIUM_ARGS });
      } catch (error) {
        this.#browser = undefined;
        throw new EngineUnavailableError(`Chromium at ${this.#o.executablePath} (PDF rendering)`, error);
      }
    })();
    return this.#browser;
  }
}
