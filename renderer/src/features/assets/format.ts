import { timeLeftText } from '@renderer/common/labels';

/** A byte count as people read it (1.5 MB). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** How far an upload is: `1.5 MB of 4.0 MB · 512.0 KB/s · about 5 s left` (speed and time once main knows them). */
export function uploadProgressText(bytesSent: number, size: number, bytesPerSecond: number | undefined, etaSeconds: number | null | undefined): string {
  const parts = [`${formatSize(bytesSent)} of ${formatSize(size)}`];
  if (bytesPerSecond) parts.push(`${formatSize(Math.round(bytesPerSecond))}/s`);
  if (etaSeconds !== null && etaSeconds !== undefined) parts.push(timeLeftText(etaSeconds));
  return parts.join(' · ');
}
