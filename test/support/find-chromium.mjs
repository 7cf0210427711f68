// Finds a Chromium for the browser tests: CHROMIUM_PATH, the system's, or Playwright's own; where there is
// none, installs Debian's chromium when running as root, else Playwright's download; else says how, in one line.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export async function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
  }
  const found = candidates.find((path) => existsSync(path)) ?? (await playwrightChromium());
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log('tests: no Chromium found; installing Debian\'s chromium');
    execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
      stdio: 'inherit',
    });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  } else {
    console.log('tests: no Chromium found; trying Playwright\'s download');
    try {
      execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
      const path = await playwrightChromium();
      if (path) return path;
    } catch {
      // fall through to the one-line explanation
    }
  }
  throw new Error(
    'no Chromium for the browser tests: install Debian\'s `chromium` (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary',
  );
}
