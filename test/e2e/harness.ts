/**
 * Browser end-to-end harness: the fake Responses API in this process (so tests read its
 * request counters), the REAL server as a child process (`node --import tsx
 * server/src/main.ts`, a temporary data directory, provider openai pointed at the fake), the
 * built editor (web/dist, built here when missing or stale) and Debian's Chromium driven by
 * playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '@atelier/fake-openai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { isWebDistFresh } from '../../scripts/web-dist';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTEFACTS_DIR = join(REPO_ROOT, 'test-results/e2e');
const WEB_DIR = join(REPO_ROOT, 'web');
const DIST_INDEX = join(WEB_DIR, 'dist/index.html');

/** "canvas-menus" for canvas-menus.e2e.test.ts: what every artefact of that file is named after. */
export const fileTag = (testPath = expect.getState().testPath ?? 'e2e'): string =>
  basename(testPath).replace(/(\.e2e)?\.test\.ts$/, '');

/**
 * test-results/e2e/<file>-<name>.png for the test file running now: two files may both have a
 * "40-…" picture, and neither overwrites the other's.
 */
export const artefactPath = (name: string, ext = 'png'): string =>
  join(ARTEFACTS_DIR, `${fileTag()}-${name}.${ext}`);

/** The key the server is given: tests check it never reaches the browser or a file. */
export const E2E_API_KEY = 'sk-e2e-never-leaves-the-server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Builds web/dist when it is missing (`pnpm test` builds it before vitest). A stale dist fails
 * the run unless ATELIER_E2E_BUILD=stale asks for a rebuild here (not the default: rebuilding
 * while another test file's page is open would delete the chunks it lazy-loads). Several files may start at once, so the
 * build runs under a directory lock (mkdir is atomic) and the others wait.
 */
export const ensureWebBuilt = async (): Promise<void> => {
  if (existsSync(DIST_INDEX)) {
    if (isWebDistFresh()) return;
    // Testing an old build would pass or fail for the wrong code: refuse, saying how to fix it.
    if (process.env.ATELIER_E2E_BUILD !== 'stale')
      throw new Error(
        'e2e: web/dist is older than web/ (or the packages it bundles) — run `pnpm --filter @atelier/web build` first (`pnpm test` does), or set ATELIER_E2E_BUILD=stale to rebuild it here.',
      );
  }
  const lock = join(tmpdir(), 'atelier-e2e-web-build.lock');
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another file is building; a lock older than the deadline is a crashed build.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 240_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    // Another file may have built it while this one waited for the lock.
    if (existsSync(DIST_INDEX) && (isWebDistFresh() || process.env.ATELIER_E2E_BUILD !== 'stale'))
      return;
    const vite = join(WEB_DIR, 'node_modules/vite/bin/vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB_DIR,
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`Building web/dist failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });

export interface ServerHandle {
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts server/src/main.ts on a free port and waits until /api/health answers. */
export const startServer = async (env: Record<string, string>): Promise<ServerHandle> => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // The developer's own settings must not leak in: no token, no real key, no other data dir.
  for (const name of ['ATELIER_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ATELIER_PROVIDER'])
    delete childEnv[name];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        ...childEnv,
        PORT: String(port),
        HOST: '127.0.0.1',
        ATELIER_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with code ${child.exitCode}:\n${output}`);
    try {
      const health = await fetch(`${url}/api/health`);
      // 401: up, and asking for its ATELIER_TOKEN (a test that set one).
      if (health.ok || health.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, dataDir, output: () => output, stop };
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });

/**
 * tsx and vitest compile with esbuild, which may wrap named functions in `__name(...)`; that
 * helper does not exist in the page, so functions passed to page.evaluate would throw.
 */
export const NAME_SHIM = { content: 'globalThis.__name = (fn) => fn;' };

/** Collects what the page's Content-Security-Policy blocked, for `cspViolations(page)`. */
const CSP_RECORDER = {
  content:
    "globalThis.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => globalThis.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI), true);",
};

/** What the page's CSP refused since it loaded (directive and URL). */
export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as { __cspViolations?: string[] }).__cspViolations ?? []);

/** What went wrong in each context's pages (HTTP ≥ 400, page errors), for failure reports. */
const contextProblems = new WeakMap<BrowserContext, string[]>();
export const problemsOf = (context: BrowserContext): string[] => contextProblems.get(context) ?? [];

export const newBrowserContext = async (
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> => {
  const context = await browser.newContext(options);
  await context.addInitScript(NAME_SHIM);
  await context.addInitScript(CSP_RECORDER);
  const problems: string[] = [];
  contextProblems.set(context, problems);
  const at = () => new Date().toISOString().slice(11, 23);
  context.on('response', (res) => {
    if (res.status() >= 400)
      problems.push(`${at()} HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  context.on('requestfailed', (req) =>
    problems.push(
      `${at()} request failed ${req.method()} ${req.url()}: ${req.failure()?.errorText}`,
    ),
  );
  context.on('weberror', (e) => problems.push(`${at()} pageerror: ${e.error().message}`));
  return context;
};

/** The server's environment for the fake: provider openai at the fake's URL, with the e2e key. */
export const fakeOpenAIEnv = (fake: FakeOpenAI): Record<string, string> => ({
  ATELIER_PROVIDER: 'openai',
  OPENAI_BASE_URL: fake.baseURL,
  OPENAI_API_KEY: E2E_API_KEY,
});

/** A page in a fresh browser profile (its own cookies and storage), waiting up to 30 s. */
export const newProfilePage = async (
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> => {
  const context = await newBrowserContext(browser, options);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
};

export interface Harness {
  fake: FakeOpenAI;
  server: ServerHandle;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors so far, for failure reports. */
  pageProblems: string[];
  /** POST /v1/responses calls the fake has received so far. */
  apiCalls(): number;
  /** Saves a screenshot as test-results/e2e/<file>-<name>.png (artefactPath) and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeOpenAIOptions;
  viewport?: { width: number; height: number };
  /** More environment for the server (e.g. ATELIER_IMAGES_PER_MINUTE). */
  env?: Record<string, string>;
}

/** Everything one test file needs: one fake, one server, one browser, one page. */
export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  await ensureWebBuilt();
  // A little latency per partial image keeps the partial previews on screen long enough to see.
  const fake = await createFakeOpenAI({
    latency: { perPartialImageMs: 600 },
    ...options.fake,
  });
  const closers: Array<() => Promise<unknown>> = [() => fake.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const server = await startServer({ ...fakeOpenAIEnv(fake), ...options.env });
    closers.push(() => server.stop());
    const browser = await launchBrowser();
    closers.push(() => browser.close());
    const page = await newProfilePage(browser, {
      viewport: options.viewport ?? { width: 1600, height: 1000 },
      acceptDownloads: true,
    });
    const context = page.context();
    const pageProblems: string[] = [];
    page.on('pageerror', (error) =>
      pageProblems.push(`pageerror: ${error.stack ?? error.message}`),
    );
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console.error: ${message.text()}`);
    });
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
    return {
      fake,
      server,
      browser,
      context,
      page,
      pageProblems,
      apiCalls: () => fake.stats.responses,
      screenshot: async (name) => {
        const path = artefactPath(name);
        await page.screenshot({ path });
        return path;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};
