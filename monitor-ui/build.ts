/**
 * Bundles the dashboard for the gateway to serve: `/app.js` (esbuild, ESM, browser target,
 * minified, no source map) from `src/main.ts`, plus `/index.html` and `/app.css` from `public/`.
 * The gateway calls this once at startup and serves the files from memory; GET / answers
 * `/index.html`.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One file of the bundle, as the gateway should answer it. */
export interface MonitorUiFile {
  body: string | Uint8Array;
  contentType: string;
}

export interface MonitorUiBundle {
  /** Keyed by URL path: `/index.html`, `/app.js`, `/app.css`, `/favicon.svg`, `/favicon.ico`. */
  files: Map<string, MonitorUiFile>;
}

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export interface BundleOptions {
  /** Minify `/app.js` (default true); the dev preview turns it off to read profiles. */
  minify?: boolean;
  /** IANA time zone the dashboards show times in (default Asia/Shanghai, as in index.html). */
  timeZone?: string;
}

/** The page with the configured zone in its `suptech-time-zone` meta (the app reads it at start). */
function withTimeZone(html: string, timeZone: string | undefined): string {
  if (!timeZone) return html;
  const escaped = timeZone.replace(/[&"<>]/g, '');
  return html.replace(/<meta name="suptech-time-zone" content="[^"]*">/, `<meta name="suptech-time-zone" content="${escaped}">`);
}

/** Builds the dashboard in memory. Rejects with esbuild's diagnostics if the source does not compile. */
export async function bundleMonitorUi(options: Readonly<BundleOptions> = {}): Promise<MonitorUiBundle> {
  const result = await build({
    entryPoints: [here('./src/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    sourcemap: false,
    minify: options.minify ?? true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0];
  if (!js) throw new Error('esbuild produced no output for monitor-ui/src/main.ts');
  const [html, css, icon] = await Promise.all([
    readFile(here('./public/index.html'), 'utf8'),
    readFile(here('./public/app.css'), 'utf8'),
    readFile(here('./public/favicon.svg'), 'utf8'),
  ]);
  return {
    files: new Map<string, MonitorUiFile>([
      ['/index.html', { body: withTimeZone(html, options.timeZone), contentType: 'text/html; charset=utf-8' }],
      ['/app.js', { body: js.text, contentType: 'text/javascript; charset=utf-8' }],
      ['/app.css', { body: css, contentType: 'text/css; charset=utf-8' }],
      // Browsers ask for /favicon.ico whatever the page links; both answer the one SVG icon.
      ['/favicon.svg', { body: icon, contentType: 'image/svg+xml' }],
      ['/favicon.ico', { body: icon, contentType: 'image/svg+xml' }],
    ]),
  };
}
