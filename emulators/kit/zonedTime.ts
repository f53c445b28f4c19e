/**
 * Local wall-clock time in an IANA zone → UTC milliseconds, with `Intl` only (the emulators
 * import nothing from the gateway). A time that happens twice (the repeated hour when
 * daylight saving time ends) is its first occurrence; a time skipped in spring is moved
 * forward by the gap.
 */
export function zonedTimeToUtcMs(isoDate: string, minutes: number, timeZone: string): number {
  const naive = Date.parse(`${isoDate}T00:00:00Z`) + minutes * 60_000;
  // The offsets in force a day either side bracket every transition of the day.
  const before = zoneOffsetMs(naive - 86_400_000, timeZone);
  const after = zoneOffsetMs(naive + 86_400_000, timeZone);
  const candidates = [naive - before, naive - after].filter((utc) => utc + zoneOffsetMs(utc, timeZone) === naive);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the spring gap: read the wall time with the offset from before the gap.
  return naive - before;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(utcMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}
