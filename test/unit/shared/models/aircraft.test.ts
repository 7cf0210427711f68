import { describe, expect, it } from 'vitest';
import { GroundingSchema, RegistrationSchema, ResourceSchema } from '@shared/models';

describe('the aircraft register’s fields', () => {
  it('normalizes a registration and refuses what cannot be one', () => {
    expect(RegistrationSchema.parse(' n 172pf')).toBe('N172PF');
    expect(RegistrationSchema.parse('g-abcd')).toBe('G-ABCD');
    for (const bad of ['', '-ABC', 'ABC-', 'N172PF#2', 'ABCDEFGHIJK', 'N172/PF']) expect(RegistrationSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('refuses a grounding that ends before it starts, or gives no reason', () => {
    const grounding = { reason: 'Flat tyre', from: '2026-12-02T10:00:00.000Z', by: 'Ada Admin' };
    expect(GroundingSchema.safeParse(grounding).success).toBe(true);
    const backwards = GroundingSchema.safeParse({ ...grounding, until: '2026-12-02T09:00:00.000Z' });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]).toMatchObject({ path: ['until'], message: 'a grounding ends after it starts' });
    expect(GroundingSchema.safeParse({ ...grounding, reason: ' ' }).success).toBe(false);
  });

  it('is a resource of type aircraft with its meters and inspections', () => {
    const aircraft = {
      resourceId: 'aircraft#N172PF',
      resourceType: 'aircraft',
      name: 'N172PF',
      aircraftType: 'C172',
      hobbs: 1243.5,
      tach: 1010.2,
      hundredHourDueHobbs: 1250,
      annualDueOn: '2027-03-01',
      createdAt: '2026-12-01T09:00:00.000Z',
      version: 3,
      updatedAt: '2026-12-01T09:00:00.000Z',
    };
    expect(ResourceSchema.safeParse(aircraft).success).toBe(true);
    expect(ResourceSchema.safeParse({ ...aircraft, hobbs: -1 }).success).toBe(false);
    expect(ResourceSchema.safeParse({ ...aircraft, annualDueOn: 'March' }).success).toBe(false);
  });
});
