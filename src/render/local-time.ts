// Times shown to people: the machine's time zone, ISO order (sortable, unambiguous across locales), and the offset,
// so a line pasted into a ticket still says when it meant.

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2026-11-21 22:41:07 +01:00`. */
export function formatLocalTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
