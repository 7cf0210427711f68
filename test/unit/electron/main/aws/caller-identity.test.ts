import { describe, expect, it, vi } from 'vitest';
import { type CallerIdentity, cachedIdentity, stampWriter } from '@main/aws/caller-identity';

const sam: CallerIdentity = { arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PilotForceStaff_0a1b2c3d/sam', account: '123456789012', userId: 'AROAEXAMPLE:sam' };

describe('stampWriter', () => {
  it('names the chosen staff member and the caller AWS knows', () => {
    expect(stampWriter('Sam Staff', sam)).toBe(`Sam Staff (${sam.arn})`);
  });

  it('drops an identity the renderer claimed, so only main names the caller', () => {
    expect(stampWriter('Eve (arn:aws:iam::999999999999:user/admin)', sam)).toBe(`Eve (${sam.arn})`);
    expect(stampWriter('arn:aws:iam::999999999999:user/admin', sam)).toBe(sam.arn);
    expect(stampWriter('   ', sam)).toBe(sam.arn);
  });
});

describe('cachedIdentity', () => {
  it('asks STS once while the answer is fresh, and again after it expires', async () => {
    let clock = 0;
    const resolve = vi.fn(async () => sam);
    const identity = cachedIdentity(resolve, 1_000, () => clock);
    await identity();
    clock = 999;
    await identity();
    expect(resolve).toHaveBeenCalledTimes(1);
    clock = 2_000;
    await identity();
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const resolve = vi.fn<() => Promise<CallerIdentity>>().mockRejectedValueOnce(new Error('ExpiredToken')).mockResolvedValueOnce(sam);
    const identity = cachedIdentity(resolve);
    await expect(identity()).rejects.toThrow('ExpiredToken');
    await expect(identity()).resolves.toEqual(sam);
    expect(resolve).toHaveBeenCalledTimes(2);
  });
});
