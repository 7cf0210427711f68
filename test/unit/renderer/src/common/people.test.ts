import { describe, expect, it } from 'vitest';
import { emailTakenMessage, namesOf, personLabel, personOptions, sameNameWarning, userWithEmail, usersNamed } from '@renderer/common/people';

const rajStudent = { userId: 'auth0|s1-u000010', name: 'Raj Coleman', email: 'raj.c@example.com', role: 'customer' };
const rajInstructor = { userId: 'auth0|s1-u000011', name: 'Raj Coleman', email: 'raj.coleman@example.com', role: 'instructor' };
const ann = { userId: 'u-ann', name: 'Ann Pilot', email: 'ann@example.com', role: 'examiner' };
const people = [rajStudent, rajInstructor, ann];

describe('people told apart', () => {
  it('labels a person with name, email and role in office words (an unknown role as stored)', () => {
    expect(personLabel(rajStudent)).toBe('Raj Coleman · raj.c@example.com · Student');
    expect(personLabel(ann)).toBe('Ann Pilot · ann@example.com · examiner');
  });

  it('makes picker options by name then email, so namesakes read differently and keep their own ids', () => {
    expect(personOptions(people)).toEqual([
      { value: 'u-ann', label: 'Ann Pilot · ann@example.com · examiner' },
      { value: 'auth0|s1-u000010', label: 'Raj Coleman · raj.c@example.com · Student' },
      { value: 'auth0|s1-u000011', label: 'Raj Coleman · raj.coleman@example.com · Instructor' },
    ]);
    expect(personOptions(people, (person) => person.role === 'instructor').map((option) => option.value)).toEqual(['auth0|s1-u000011']);
  });

  it('names a person alone when the name is theirs only, with the email when it is shared, an unknown id as it is', () => {
    const nameOf = namesOf(people);
    expect(nameOf('u-ann')).toBe('Ann Pilot');
    expect(nameOf('auth0|s1-u000010')).toBe('Raj Coleman (raj.c@example.com)');
    expect(nameOf('auth0|s1-u000011')).toBe('Raj Coleman (raj.coleman@example.com)');
    expect(nameOf('nobody')).toBe('nobody');
    expect(namesOf([rajStudent, ann])('auth0|s1-u000010')).toBe('Raj Coleman');
  });

  it('finds the other holder of an email whatever its case, not the user being edited', () => {
    expect(userWithEmail(people, ' RAJ.C@Example.com ')).toBe(rajStudent);
    expect(userWithEmail(people, 'raj.c@example.com', rajStudent.userId)).toBeUndefined();
    expect(userWithEmail(people, 'new@example.com')).toBeUndefined();
    expect(emailTakenMessage(rajStudent)).toBe(
      'raj.c@example.com is already the email of Raj Coleman · raj.c@example.com · Student. Open their page instead of creating a second one, or enter another email.',
    );
  });

  it('warns of namesakes (any case), and says nothing for a new name or an empty one', () => {
    expect(usersNamed(people, 'raj coleman ').map((person) => person.userId)).toEqual([rajStudent.userId, rajInstructor.userId]);
    expect(sameNameWarning(usersNamed(people, 'Ann Pilot'))).toBe(
      'Another user already has this name (Ann Pilot · ann@example.com · examiner). Check this is a different person: lists tell them apart by email.',
    );
    expect(sameNameWarning(usersNamed(people, 'Zoe New'))).toBeUndefined();
    expect(usersNamed(people, '  ')).toEqual([]);
  });
});
