/** Planstone's 12-hour clock for minutes after midnight: `1170` → `"07:30 pm"`, `0` → `"12:00 am"`. */
export function formatClock(minutes: number): string {
  const inDay = ((minutes % 1440) + 1440) % 1440;
  const hours24 = Math.floor(inDay / 60);
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const mins = inDay % 60;
  return `${String(hours12).padStart(2, '0')}:${String(mins).padStart(2, '0')} ${hours24 < 12 ? 'am' : 'pm'}`;
}

/** `"2024-11-03"` plus `days`, in calendar arithmetic (no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
