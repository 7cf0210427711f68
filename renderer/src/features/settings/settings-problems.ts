import type { z } from 'zod';
import type { SchoolSettingsValues } from '@shared/models';
import { roleLabel } from '@renderer/common/labels';

/**
 * What is wrong with the school settings an admin is about to save, one line per problem, naming the
 * field as the screen labels it and saying what to do (the schema's own texts name paths like
 * `openingHours.monday.close`).
 */
export function settingsProblems(issues: readonly z.core.$ZodIssue[], draft: SchoolSettingsValues): string[] {
  return issues.map((issue) => `${fieldLabel(issue.path, draft)}: ${problemText(issue)}`);
}

function fieldLabel(path: readonly PropertyKey[], draft: SchoolSettingsValues): string {
  const [top, second, third] = path;
  const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  switch (top) {
    case 'timeZone':
      return 'Time zone';
    case 'openingHours':
      return typeof second === 'string' ? `${capitalized(second)} ${third === 'open' ? 'opens' : 'closes'}` : 'Opening hours';
    case 'bookingDefaults':
      return second === 'durationMinutes' ? 'Default booking length' : 'Default service type';
    case 'documentKinds':
      return typeof second === 'number' ? `Document kind ${second + 1}${third === 'name' ? ', its name' : ''}` : 'Document kinds';
    case 'documentRules': {
      const rule = typeof second === 'number' ? draft.documentRules[second] : undefined;
      return rule ? `Documents required of ${roleLabel(rule.role).toLowerCase()}s` : 'Required documents';
    }
    case 'documentWarningDays':
      return 'Warn before a document expires';
    case 'doubleBooking':
      return 'Roles that may override a double booking';
    default:
      return String(top ?? 'Settings');
  }
}

function problemText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'number' ? `must be at least ${String(issue.minimum)}` : issue.origin === 'array' ? 'choose at least one' : 'is empty: fill it in';
    case 'too_big':
      return issue.origin === 'number' ? `must be at most ${String(issue.maximum)}` : issue.origin === 'array' ? `at most ${String(issue.maximum)}` : 'is too long: shorten it';
    case 'invalid_type':
      return 'is not filled in correctly: enter it again';
    default:
      return issue.message;
  }
}
