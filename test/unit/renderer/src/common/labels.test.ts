import { describe, expect, it } from 'vitest';
import { idFromName, roleLabel, serviceTypeLabel } from '@renderer/common/labels';

describe('office labels', () => {
  it('names the known roles as the office does and keeps an unknown one as stored, even a prototype name', () => {
    expect(roleLabel('customer')).toBe('Student');
    expect(roleLabel('staff')).toBe('Office staff');
    expect(roleLabel('examiner')).toBe('examiner');
    expect(roleLabel('constructor')).toBe('constructor');
    expect(roleLabel('__proto__')).toBe('__proto__');
  });

  it('writes a stored service type as words', () => {
    expect(serviceTypeLabel('flight-lesson')).toBe('Flight lesson');
    expect(serviceTypeLabel('pilot_training')).toBe('Pilot training');
    expect(serviceTypeLabel('Checkride')).toBe('Checkride');
    expect(serviceTypeLabel('--')).toBe('--');
  });

  it('makes an id from a name: lowercase letters, digits and -, accents folded, at most 64 characters', () => {
    expect(idFromName('Medical certificate')).toBe('medical-certificate');
    expect(idFromName('  Licence (PPL) ')).toBe('licence-ppl');
    expect(idFromName('Révision de vol')).toBe('revision-de-vol');
    expect(idFromName('ID')).toBe('id');
    expect(idFromName('x'.repeat(100))).toHaveLength(64);
    expect(idFromName('!!!')).toBe('');
  });
});
