import { AircraftFieldsShape, RegistrationSchema } from '@shared/models';
import { aircraftId } from '@shared/fleet/rules';

/** The aircraft form as typed: every field text, numbers checked before they become numbers. */
export type AircraftFormValues = {
  registration: string;
  aircraftType: string;
  homeLocation: string;
  hourlyRate: string;
  hobbs: string;
  tach: string;
  hundredHourDueHobbs: string;
  annualDueOn: string;
  notes: string;
};

export const EMPTY_AIRCRAFT_FORM: AircraftFormValues = { registration: '', aircraftType: '', homeLocation: '', hourlyRate: '', hobbs: '', tach: '', hundredHourDueHobbs: '', annualDueOn: '', notes: '' };

export type AircraftFormErrors = Partial<Record<keyof AircraftFormValues, string>>;

const NUMBER_FIELDS = ['hourlyRate', 'hobbs', 'tach', 'hundredHourDueHobbs'] as const;
const NUMBER_WORDS: Record<(typeof NUMBER_FIELDS)[number], string> = {
  hourlyRate: 'The hourly rate is a number, e.g. 185 or 185.50',
  hobbs: 'Hobbs is hours on the meter, e.g. 1243.5',
  tach: 'Tach is hours on the meter, e.g. 1010.2',
  hundredHourDueHobbs: 'The 100-hour inspection is due at a Hobbs reading, e.g. 1300',
};

/** The fields of a new aircraft (`registrations`: the register as this desk has it), or what to fix, field by field. */
export function checkAircraftForm(values: AircraftFormValues, registrations: ReadonlySet<string>): { ok: true; resourceId: string; fields: Record<string, unknown> } | { ok: false; errors: AircraftFormErrors } {
  const errors: AircraftFormErrors = {};
  const registration = RegistrationSchema.safeParse(values.registration);
  if (!registration.success) errors.registration = 'A registration is 1 to 10 letters and digits, hyphens inside, e.g. N172PF or G-ABCD';
  else if (registrations.has(registration.data)) errors.registration = `${registration.data} is already in the register: open it from the list to change it`;
  if (values.aircraftType.trim() === '') errors.aircraftType = 'Give the type, e.g. C172 or PA-28';
  const numbers: Record<string, number> = {};
  for (const field of NUMBER_FIELDS) {
    const text = values[field].trim();
    if (text === '') continue;
    const value = Number(text);
    const parsed = AircraftFieldsShape[field].safeParse(value);
    if (!/^\d+(\.\d+)?$/.test(text) || !parsed.success) errors[field] = NUMBER_WORDS[field];
    else numbers[field] = value;
  }
  if (values.annualDueOn !== '' && !AircraftFieldsShape.annualDueOn.safeParse(values.annualDueOn).success) errors.annualDueOn = 'The annual is due on a date, e.g. 2027-03-01';
  if (Object.keys(errors).length > 0 || !registration.success) return { ok: false, errors };
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const fields = Object.fromEntries(
    Object.entries({
      resourceType: 'aircraft',
      name: registration.data,
      aircraftType: text(values.aircraftType),
      homeLocation: text(values.homeLocation),
      annualDueOn: text(values.annualDueOn),
      notes: text(values.notes),
      ...numbers,
    }).filter(([, value]) => value !== undefined),
  );
  return { ok: true, resourceId: aircraftId(registration.data), fields };
}
