import type * as Fuses from '@electron/fuses';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = require('app-builder-lib/scheme.json') as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  }, 60_000); // compiling electron-builder's large schema takes seconds on a busy machine

  it('builds AppImage and deb, nsis and dmg from dist only, in an asar', () => {
    expect(config).toMatchObject({
      asar: true,
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'] },
    });
    const files = config.files as string[];
    expect(files.filter((pattern) => !pattern.startsWith('!') && pattern !== 'package.json').every((pattern) => pattern.startsWith('dist/'))).toBe(true);
  });

  it('flips the fuses after packing', () => {
    expect(config.afterPack).toBe('build/after-pack.cjs');
    const { FUSES, default: hook } = require(resolve(String(config.afterPack))) as { FUSES: Record<string, unknown>; default: unknown };
    const { FuseV1Options } = require('@electron/fuses') as typeof Fuses;
    expect(typeof hook).toBe('function');
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });
});
