import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Autocomplete, Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { handled } from '@renderer/common/failures';
import type { z } from 'zod';
import { KNOWN_ROLES } from '@shared/models';
import { UserFormSchema, type UserFormValues } from './user-form-schema';

/** Creates or edits a user's profile fields with inline validation; `warnName` says when the name is someone else's too (saving stays allowed). */
export function UserForm({
  initial,
  submitLabel,
  onSubmit,
  warnName,
}: {
  initial: UserFormValues;
  submitLabel: string;
  onSubmit: (values: z.output<typeof UserFormSchema>) => Promise<void>;
  warnName?: (name: string) => string | undefined;
}) {
  const form = useForm({ resolver: zodResolver(UserFormSchema), defaultValues: initial, mode: 'onTouched' });
  const nameWarning = warnName?.(form.watch('name'));
  const { errors, isSubmitting, isDirty } = form.formState;
  const [saveError, setSaveError] = useState<string | undefined>();
  const submit = form.handleSubmit(async (values) => {
    setSaveError(undefined);
    try {
      await onSubmit(values);
      form.reset(values);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  });
  return (
    <form onSubmit={handled(submit, 'Not saved')} noValidate aria-label="User profile">
      <SimpleGrid cols={2}>
        <TextInput label="Name" required {...form.register('name')} error={errors.name?.message} />
        <TextInput label="Email" required type="email" {...form.register('email')} error={errors.email?.message} />
        <TextInput label="Phone number" {...form.register('phoneNumber')} error={errors.phoneNumber?.message} />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => <Autocomplete label="Role" required data={[...KNOWN_ROLES]} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.role?.message} />}
        />
      </SimpleGrid>
      {nameWarning ? (
        <Alert color="orange" mt="sm" title="Same name as another user">
          {nameWarning}
        </Alert>
      ) : null}
      {saveError ? (
        <Alert color="red" mt="sm" role="alert" title="Not saved">
          {saveError}
        </Alert>
      ) : null}
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={isSubmitting} disabled={!isDirty && submitLabel !== 'Create user'}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
