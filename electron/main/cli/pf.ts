import { Argument, Command, Option } from 'commander';
import { userInfo } from 'node:os';
import {
  type AccessContext,
  aircraftList,
  assetsByType,
  assetsOfUser,
  bookingsOfUser,
  bookingsOfUserOnDate,
  documentsExpiring,
  getResource,
  getUser,
  groundAircraft,
  resourcesByType,
  updateBookingStatus,
  updateUserPreferences,
} from '../ops/access-patterns';
import { listHistory } from '../history/read';
import { ENTITY_NAMES, type EntityName, ASSET_TYPES, type AssetType, BOOKING_STATUSES, type BookingStatus, type UserPreferences } from '@shared/models';
import { type BackendCliOptions, UserError, addBackendOptions, integerOption, runWithBackend } from './backend-options';

/**
 * `npm run pf -- <command>`: the seed's seven access patterns from a terminal, JSON on stdout.
 *   user get <id> | user prefs <id> --theme dark --notifications false | bookings <userId> [--date D]
 *   booking status <id> <status> [--expect-version n] | assets --type T | assets --user U
 *   resource get <resourceId> | resource list --type T | documents expiring --within <days> | history <entity> <key>
 *   aircraft list | aircraft ground <registration> --reason R [--until <instant>]
 */
type WriteOptions = BackendCliOptions & { expectVersion?: number; updatedBy: string };

function context(clients: AccessContext['clients'], options: BackendCliOptions & { updatedBy?: string }): AccessContext {
  return { clients, prefix: options.prefix, updatedBy: options.updatedBy ?? `cli:${userInfo().username}` };
}

function withWrite(command: Command): Command {
  return addBackendOptions(command)
    .option('--expect-version <n>', 'fail, changing nothing, unless the item is at this version', integerOption('--expect-version'))
    .option('--updated-by <who>', 'recorded in updatedBy', `cli:${userInfo().username}`);
}

const program = new Command('pf').description('PilotForce data from the command line (JSON output)').showHelpAfterError();

const user = program.command('user').description('users');
addBackendOptions(user.command('get <userId>').description('get a user by id')).action((userId: string, options: BackendCliOptions) =>
  runWithBackend(options, async (clients) => {
    const result = await getUser(context(clients, options), userId);
    if (!result.item && result.invalid.length === 0) throw new UserError(`user ${userId} does not exist`);
    return result;
  }),
);
withWrite(
  user
    .command('prefs <userId>')
    .description("update a user's preferences")
    .addOption(new Option('--theme <theme>', 'light or dark').choices(['light', 'dark']))
    .addOption(new Option('--notifications <on>', 'true or false').choices(['true', 'false'])),
).action((userId: string, options: WriteOptions & { theme?: 'light' | 'dark'; notifications?: 'true' | 'false' }) =>
  runWithBackend(options, async (clients) => {
    const preferences: UserPreferences = {
      ...(options.theme ? { theme: options.theme } : {}),
      ...(options.notifications ? { notifications: options.notifications === 'true' } : {}),
    };
    if (Object.keys(preferences).length === 0) throw new UserError('nothing to change: give --theme and/or --notifications');
    const expected = options.expectVersion === undefined ? undefined : { version: options.expectVersion };
    return updateUserPreferences(context(clients, options), userId, preferences, expected);
  }),
);

addBackendOptions(program.command('bookings <userId>').description("a user's bookings, or those on one date").option('--date <YYYY-MM-DD>', 'only this date')).action(
  (userId: string, options: BackendCliOptions & { date?: string }) =>
    runWithBackend(options, (clients) =>
      options.date ? bookingsOfUserOnDate(context(clients, options), userId, options.date) : bookingsOfUser(context(clients, options), userId),
    ),
);

const booking = program.command('booking').description('bookings');
withWrite(booking.command('status <bookingId> <status>').description(`set a booking's status (${BOOKING_STATUSES.join(', ')})`)).action(
  (bookingId: string, status: string, options: WriteOptions) =>
    runWithBackend(options, async (clients) => {
      if (!(BOOKING_STATUSES as readonly string[]).includes(status)) throw new UserError(`status must be one of ${BOOKING_STATUSES.join(', ')}`);
      const expected = options.expectVersion === undefined ? undefined : { version: options.expectVersion };
      return updateBookingStatus(context(clients, options), bookingId, status as BookingStatus, expected);
    }),
);

addBackendOptions(
  program
    .command('assets')
    .description('assets of one type, or of one user')
    .addOption(new Option('--type <type>', 'asset type').choices([...ASSET_TYPES]).conflicts('user'))
    .option('--user <userId>', "the user's assets"),
).action((options: BackendCliOptions & { type?: AssetType; user?: string }) =>
  runWithBackend(options, (clients) => {
    if (options.type) return assetsByType(context(clients, options), options.type);
    if (options.user) return assetsOfUser(context(clients, options), options.user);
    throw new UserError('give --type <type> or --user <userId>');
  }),
);

const resource = program.command('resource').description("the school's resources (settings, fleet)");
addBackendOptions(resource.command('get <resourceId>').description('get a resource by its typed id, e.g. school#settings')).action((resourceId: string, options: BackendCliOptions) =>
  runWithBackend(options, async (clients) => {
    const result = await getResource(context(clients, options), resourceId);
    if (!result.item && result.invalid.length === 0) throw new UserError(`resource ${resourceId} does not exist`);
    return result;
  }),
);
addBackendOptions(resource.command('list').description('resources of one type (ResourceTypeIndex)').requiredOption('--type <type>', 'resource type, e.g. school-settings')).action(
  (options: BackendCliOptions & { type: string }) => runWithBackend(options, (clients) => resourcesByType(context(clients, options), options.type)),
);

const aircraft = program.command('aircraft').description("the school's aircraft register");
addBackendOptions(aircraft.command('list').description('every aircraft: grounded now or not, Hobbs, maintenance due')).action((options: BackendCliOptions) =>
  runWithBackend(options, (clients) => aircraftList(context(clients, options))),
);
withWrite(
  aircraft
    .command('ground <registration>')
    .description('ground an aircraft from now: its bookings are flagged on every desk')
    .requiredOption('--reason <text>', 'why, e.g. "Magneto check"')
    .option('--until <instant>', 'when it returns to service (UTC, e.g. 2026-12-03T17:00:00Z); without it, until further notice'),
).action((registration: string, options: WriteOptions & { reason: string; until?: string }) =>
  runWithBackend(options, (clients) => {
    const expected = options.expectVersion === undefined ? undefined : { version: options.expectVersion };
    const until = options.until === undefined ? undefined : new Date(options.until);
    if (until && Number.isNaN(until.getTime())) throw new UserError(`--until ${options.until}: not an instant (UTC, e.g. 2026-12-03T17:00:00Z)`);
    return groundAircraft(context(clients, options), registration, { reason: options.reason, ...(until ? { until: until.toISOString() } : {}) }, expected);
  }),
);

const documents = program.command('documents').description("people's documents (medicals, licences)");
addBackendOptions(
  documents
    .command('expiring')
    .description("documents expiring within N days of the school's today, or expired and not renewed, soonest first")
    .requiredOption('--within <days>', 'days from today (the school’s date)', integerOption('--within')),
).action((options: BackendCliOptions & { within: number }) => runWithBackend(options, (clients) => documentsExpiring(context(clients, options), options.within)));

addBackendOptions(
  program
    .command('history')
    .description("an item's latest changes, newest first, and any change another tool made since")
    .addArgument(new Argument('<entity>', 'the table').choices([...ENTITY_NAMES]))
    .argument('<key>', "the item's key"),
).action((entity: EntityName, key: string, options: BackendCliOptions) => runWithBackend(options, (clients) => listHistory(clients, options.prefix, entity, key)));

await program.parseAsync();
