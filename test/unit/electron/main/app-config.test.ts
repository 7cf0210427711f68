import { describe, expect, it } from 'vitest';
import { launchSettings } from '@main/app-config';

const base = { PILOTFORCE_DATA_DIR: '/tmp/pf-app-config-test-none' };

describe('launch settings: the staging quota', () => {
  it('leaves the default quota when PILOTFORCE_STAGING_QUOTA_MB is not set, and takes whole megabytes when it is', () => {
    expect(launchSettings(base).stagingQuotaBytes).toBeUndefined();
    expect(launchSettings({ ...base, PILOTFORCE_STAGING_QUOTA_MB: '512' }).stagingQuotaBytes).toBe(512 * 1024 * 1024);
  });

  it.each(['0', '-5', '1.5', 'lots', '99999999'])('refuses PILOTFORCE_STAGING_QUOTA_MB=%s with one clear line', (value) => {
    expect(() => launchSettings({ ...base, PILOTFORCE_STAGING_QUOTA_MB: value })).toThrow('PILOTFORCE_STAGING_QUOTA_MB must be a whole number of megabytes from 1 to 1048576');
  });
});
