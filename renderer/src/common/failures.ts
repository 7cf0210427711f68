import { notifications } from '@mantine/notifications';

/** An action's unexpected failure, shown to the user as a notification (and in the console, with its stack). */
export function showFailure(error: unknown, title = 'Something went wrong'): void {
  console.error(title, error);
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : String(error) });
}

/**
 * An async action as an event handler (which returns nothing): should it reject, the failure is shown
 * with `showFailure` instead of becoming an unhandled rejection.
 */
export function handled<Args extends unknown[]>(action: (...args: Args) => Promise<unknown>, title?: string): (...args: Args) => void {
  return (...args) => {
    action(...args).catch((error: unknown) => showFailure(error, title));
  };
}
