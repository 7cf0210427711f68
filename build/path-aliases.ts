import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The import aliases (`@shared/…`, `@renderer/…`) for Vite and Vitest, read from tsconfig.json's `paths`:
 * the one list that tsc, tsx, esbuild and Playwright read themselves. (Vite's own tsconfig lookup skips files
 * that tsconfig.json does not include, such as the renderer's.)
 */
export function pathAliases(): Record<string, string> {
  const { compilerOptions } = JSON.parse(readFileSync(`${ROOT}tsconfig.json`, 'utf8')) as {
    compilerOptions: { paths: Record<string, [string]> };
  };
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias.replace(/\/\*$/, ''), ROOT + target.replace(/^\.\//, '').replace(/\/\*$/, '')]),
  );
}
