import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { normalizeTimeText } from './time-zone';

export type TimeFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type'> & { value: string; onChange: (value: string) => void };

/**
 * A 24-hour time of day, `HH:mm`, whatever the browser's locale (a native `type="time"` shows AM/PM
 * under en-US). Typed freely and written `HH:mm` when the field is left (`930` becomes `09:30`).
 */
export const TimeField = forwardRef<HTMLInputElement, TimeFieldProps>(function TimeField({ value, onChange, onBlur, ...props }, ref) {
  return (
    <TextInput
      ref={ref}
      type="text"
      placeholder="HH:MM"
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        const normalized = normalizeTimeText(event.currentTarget.value);
        if (normalized !== value) onChange(normalized);
        onBlur?.(event);
      }}
    />
  );
});
