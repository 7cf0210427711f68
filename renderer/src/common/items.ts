import type { LocalItem } from '@renderer/db';

/** Items as the local cache holds them (the server's form, with pending local edits on top). */
export type BookingItem = LocalItem<'bookings'>;
export type UserItem = LocalItem<'users'>;
export type AssetItem = LocalItem<'assets'>;
