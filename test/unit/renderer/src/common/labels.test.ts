import { describe, expect, it } from 'vitest';
import { countOf, idFromName, roleLabel, serviceTypeLabel } from '@renderer/common/labels';

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

describe('countOf', () => {
  it('names one thing in the singular and any other count in the plural, its own where English has one', () => {
    expect(countOf(1, 'booking')).toBe('1 booking');
    expect(countOf(0, 'booking')).toBe('0 bookings');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
    expect(countOf(1, 'row was', 'rows were')).toBe('1 row was');
  });
});
