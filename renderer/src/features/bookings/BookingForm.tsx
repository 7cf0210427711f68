import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Autocomplete, Button, Group, List, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { blocksBooking, describeProblem, type DocumentProblem } from '@shared/documents';
import { OverrideSchema } from '@shared/models';
import { handled } from '@renderer/common/failures';
import { TimeField } from '@renderer/common/TimeField';
import { BookingFormSchema, formToDraft, type BookingDraft, type BookingFormValues } from './booking-form-schema';
import { describeClash, type Clash } from './overlap';

export type Option = { value: string; label: string };

/** Why the booking is saved against the document warning, and the warning as shown (recorded as an override). */
export type DocumentOverride = { reason: string; detail: string };

/** The name of the reason's input: typing it is not a change of the booking (the warnings stay). */
const OVERRIDE_REASON = 'overrideReason';

export type BookingFormProps = {
  mode: 'create' | 'edit';
  initial: BookingFormValues;
  students: readonly Option[];
  instructors: readonly Option[];
  serviceTypes: readonly string[];
  /** The bookings this draft would double-book (same student, aircraft or instructor at an overlapping time). */
  checkClashes: (draft: BookingDraft) => Clash[];
  /** The student's and instructor's required documents that are expired or missing on the draft's date. */
  checkDocuments: (draft: BookingDraft) => DocumentProblem[];
  nameOf: (userId: string) => string;
  onSubmit: (draft: BookingDraft, documentOverride?: DocumentOverride) => Promise<void> | void;
  onCancel: () => void;
};

/**
 * Creates and edits a booking with inline validation. Warns, and asks again, before saving a double
 * booking; warns of expired or missing documents and saves anyway only with a reason (an override), or
 * refuses where the school's rule blocks.
 */
export function BookingForm({ mode, initial, students, instructors, serviceTypes, checkClashes, checkDocuments, nameOf, onSubmit, onCancel }: BookingFormProps) {
  const form = useForm({ resolver: zodResolver(BookingFormSchema), defaultValues: initial, mode: 'onTouched' });
  const { errors, isSubmitting } = form.formState;
  // The clashes the user was warned about; saving again with the same clashes means "save anyway".
  const [warned, setWarned] = useState<Clash[] | undefined>();
  const [documentsWarned, setDocumentsWarned] = useState<DocumentProblem[] | undefined>();
  const [blocked, setBlocked] = useState<DocumentProblem[] | undefined>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();

  const submit = form.handleSubmit(async (values) => {
    const draft = formToDraft(values);
    const problems = checkDocuments(draft);
    if (blocksBooking(problems)) {
      setBlocked(problems);
      return;
    }
    setBlocked(undefined);
    const clashes = checkClashes(draft);
    const newClashes = clashes.length > 0 && !sameClashes(clashes, warned);
    const newProblems = problems.length > 0 && !sameProblems(problems, documentsWarned);
    if (newClashes || newProblems) {
      setWarned(clashes.length > 0 ? clashes : undefined);
      setDocumentsWarned(problems.length > 0 ? problems : undefined);
      return;
    }
    let documentOverride: DocumentOverride | undefined;
    if (problems.length > 0) {
      const checked = OverrideSchema.shape.reason.safeParse(reason);
      if (!checked.success) {
        setReasonError(checked.error.issues[0]?.message);
        return;
      }
      documentOverride = { reason: checked.data, detail: problems.map(describeProblem).join('\n') };
    }
    setSaveError(undefined);
    try {
      await onSubmit(draft, documentOverride);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  });

  const onAnyChange = (event?: FormEvent) => {
    if (event && (event.target as HTMLInputElement).name === OVERRIDE_REASON) return;
    if (warned) setWarned(undefined);
    if (documentsWarned) setDocumentsWarned(undefined);
    if (blocked) setBlocked(undefined);
  };
  const warnedAny = warned !== undefined || documentsWarned !== undefined;

  return (
    <form onSubmit={handled(submit, 'Not saved')} onChange={onAnyChange} noValidate aria-label={mode === 'create' ? 'New booking' : 'Edit booking'}>
      <Stack gap="sm">
        <Controller
          control={form.control}
          name="userId"
          render={({ field }) => (
            <Select
              label="Student or customer"
              required
              searchable
              data={students as Option[]}
              value={field.value || null}
              onChange={(value) => {
                field.onChange(value ?? '');
                onAnyChange();
              }}
              onBlur={field.onBlur}
              error={errors.userId?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="serviceType"
          render={({ field }) => (
            <Autocomplete
              label="Service type"
              required
              data={[...serviceTypes]}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.serviceType?.message}
            />
          )}
        />
        <SimpleGrid cols={3}>
          <TextInput type="date" label="Date" required {...form.register('bookingDate')} error={errors.bookingDate?.message} />
          <Controller
            control={form.control}
            name="bookingTime"
            render={({ field }) => <TimeField label="Time" description="24-hour" required name={field.name} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.bookingTime?.message} />}
          />
          <Controller
            control={form.control}
            name="duration"
            render={({ field }) => (
              <NumberInput
                label="Duration (minutes)"
                min={1}
                max={1440}
                step={15}
                allowDecimal={false}
                value={field.value}
                onChange={(value) => field.onChange(String(value))}
                onBlur={field.onBlur}
                error={errors.duration?.message}
              />
            )}
          />
        </SimpleGrid>
        {mode === 'create' ? (
          <Controller
            control={form.control}
            name="status"
            render={({ field }) => (
              <Select
                label="Status"
                data={[
                  { value: 'pending', label: 'Pending' },
                  { value: 'confirmed', label: 'Confirmed' },
                ]}
                value={field.value}
                onChange={(value) => field.onChange(value ?? 'pending')}
                allowDeselect={false}
              />
            )}
          />
        ) : null}
        <SimpleGrid cols={3}>
          <TextInput label="Aircraft" {...form.register('aircraft')} error={errors.aircraft?.message} />
          <Controller
            control={form.control}
            name="instructorId"
            render={({ field }) => (
              <Select
                label="Instructor"
                clearable
                searchable
                data={instructors as Option[]}
                value={field.value || null}
                onChange={(value) => {
                  field.onChange(value ?? '');
                  onAnyChange();
                }}
              />
            )}
          />
          <TextInput label="Location" {...form.register('location')} error={errors.location?.message} />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} {...form.register('notes')} error={errors.notes?.message} />
        <SimpleGrid cols={4}>
          <TextInput label="Amount" inputMode="decimal" {...form.register('amount')} error={errors.amount?.message} />
          <TextInput label="Currency" placeholder="USD" {...form.register('currency')} error={errors.currency?.message} />
          <TextInput label="Payment method" {...form.register('paymentMethod')} error={errors.paymentMethod?.message} />
          <TextInput label="Payment status" {...form.register('paymentStatus')} error={errors.paymentStatus?.message} />
        </SimpleGrid>
        {warned ? (
          <Alert color="orange" title="This would double-book" role="alert">
            <List size="sm">
              {warned.map((clash) => (
                <List.Item key={`${clash.resource}:${clash.other.bookingId}`}>{describeClash(clash, nameOf)}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {documentsWarned ? (
          <Alert color="orange" title="Required documents are not current on this date" role="alert">
            <Stack gap="xs">
              <ProblemList problems={documentsWarned} />
              <Textarea
                label="Why save anyway?"
                description="Recorded on the booking with your name and the time."
                name={OVERRIDE_REASON}
                required
                autosize
                value={reason}
                onChange={(event) => {
                  setReason(event.currentTarget.value);
                  setReasonError(undefined);
                }}
                error={reasonError}
              />
            </Stack>
          </Alert>
        ) : null}
        {blocked ? (
          <Alert color="red" title="Not saved: a required document is missing or expired" role="alert">
            <ProblemList problems={blocked} />
            <Text size="sm" mt="xs">
              The school blocks such bookings: upload a current document on the Assets screen, or ask an admin to change the rule in Settings.
            </Text>
          </Alert>
        ) : null}
        {saveError ? (
          <Alert color="red" title="Not saved" role="alert">
            {saveError}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting} color={warnedAny ? 'orange' : undefined}>
            {warnedAny ? 'Save anyway' : mode === 'create' ? 'Create booking' : 'Save changes'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function sameClashes(clashes: readonly Clash[], warned: readonly Clash[] | undefined): boolean {
  const key = (list: readonly Clash[]) => list.map((clash) => `${clash.resource}:${clash.other.bookingId}`).sort().join('|');
  return warned !== undefined && key(clashes) === key(warned);
}

function ProblemList({ problems }: { problems: readonly DocumentProblem[] }) {
  return (
    <List size="sm">
      {problems.map((problem) => (
        <List.Item key={`${problem.person.userId}:${problem.kindId}`}>{describeProblem(problem)}</List.Item>
      ))}
    </List>
  );
}

function sameProblems(problems: readonly DocumentProblem[], warned: readonly DocumentProblem[] | undefined): boolean {
  const key = (list: readonly DocumentProblem[]) => list.map(describeProblem).sort().join('|');
  return warned !== undefined && key(problems) === key(warned);
}
