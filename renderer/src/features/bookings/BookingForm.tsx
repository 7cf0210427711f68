import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Autocomplete, Button, Group, List, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { handled } from '@renderer/common/failures';
import { BookingFormSchema, formToDraft, type BookingDraft, type BookingFormValues } from './booking-form-schema';
import { describeClash, type Clash } from './overlap';

export type Option = { value: string; label: string };

export type BookingFormProps = {
  mode: 'create' | 'edit';
  initial: BookingFormValues;
  students: readonly Option[];
  instructors: readonly Option[];
  serviceTypes: readonly string[];
  /** The bookings this draft would double-book (same student, aircraft or instructor at an overlapping time). */
  checkClashes: (draft: BookingDraft) => Clash[];
  nameOf: (userId: string) => string;
  onSubmit: (draft: BookingDraft) => Promise<void> | void;
  onCancel: () => void;
};

/** Creates and edits a booking with inline validation; warns, and asks again, before saving a double booking. */
export function BookingForm({ mode, initial, students, instructors, serviceTypes, checkClashes, nameOf, onSubmit, onCancel }: BookingFormProps) {
  const form = useForm({ resolver: zodResolver(BookingFormSchema), defaultValues: initial, mode: 'onTouched' });
  const { errors, isSubmitting } = form.formState;
  // The clashes the user was warned about; saving again with the same clashes means "save anyway".
  const [warned, setWarned] = useState<Clash[] | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();

  const submit = form.handleSubmit(async (values) => {
    const draft = formToDraft(values);
    const clashes = checkClashes(draft);
    if (clashes.length > 0 && !sameClashes(clashes, warned)) {
      setWarned(clashes);
      return;
    }
    setSaveError(undefined);
    try {
      await onSubmit(draft);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  });

  const onAnyChange = () => {
    if (warned) setWarned(undefined);
  };

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
          <TextInput type="time" label="Time" required {...form.register('bookingTime')} error={errors.bookingTime?.message} />
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
        {saveError ? (
          <Alert color="red" title="Not saved" role="alert">
            {saveError}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting} color={warned ? 'orange' : undefined}>
            {warned ? 'Save anyway' : mode === 'create' ? 'Create booking' : 'Save changes'}
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
