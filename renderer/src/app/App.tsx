import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import '../styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ApiClient } from '@shared/api/contract';
import { PilotForceDbContext, type PilotForceDb } from '../db';
import { BookingEditorProvider } from '../features/bookings/BookingEditor';
import { MirrorsProvider } from '@renderer/common/data';
import { ServicesProvider, type SyncControls } from '@renderer/common/services';
import { SessionProvider, useSession } from '@renderer/common/session';
import { Shell } from './Shell';
import { appTheme } from './theme';

export type AppProps = { db: PilotForceDb; api: ApiClient; sync?: SyncControls };

/** The office app: providers around the shell. The entry (main.tsx) opens the database and the API first. */
export function App({ db, api, sync }: AppProps) {
  return (
    <PilotForceDbContext.Provider value={db}>
      <ServicesProvider value={{ api, sync }}>
        <SessionProvider>
          <MirrorsProvider>
            <Themed />
          </MirrorsProvider>
        </SessionProvider>
      </ServicesProvider>
    </PilotForceDbContext.Provider>
  );
}

/** Light or dark follows the working staff member's `preferences.theme` (the system's until they choose). */
function Themed() {
  const { staff } = useSession();
  const theme = staff?.preferences?.theme;
  return (
    <MantineProvider theme={appTheme} defaultColorScheme="auto" forceColorScheme={theme === 'light' || theme === 'dark' ? theme : undefined}>
      <Notifications position="bottom-right" />
      <BookingEditorProvider>
        <Shell />
      </BookingEditorProvider>
    </MantineProvider>
  );
}
