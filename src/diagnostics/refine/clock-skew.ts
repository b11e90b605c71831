// Clock skew: reads the timestamps AWS puts in "Signature expired: A is now earlier than B (C - 15 min.)" and
// "Signature not yet current: A is still later than B (C + 15 min.)", or uses the offset stsctl measured, and says
// by how much and in which direction this computer's clock is wrong.
import { setCause } from '../cause.js';
import type { RefineInput } from '../draft.js';
import { CLOCK_SKEW_THRESHOLD_MS } from '../route.js';

/** Parses an ISO-8601 basic timestamp such as 20220127T001427Z. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Offset of the signing clock from AWS's clock in ms (positive: local clock ahead), read from the message. */
export function offsetFromSignatureMessage(text: string): number | undefined {
  const m = /Signature (?:expired|not yet current): (\d{8}T\d{6}Z) is (?:now earlier|still later) than \d{8}T\d{6}Z \((\d{8}T\d{6}Z) [-+]/.exec(text);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  const signed = parseAmzDate(m[1]);
  const server = parseAmzDate(m[2]);
  return signed === undefined || server === undefined ? undefined : signed - server;
}

/** "14 minutes ahead", "3 hours behind", "2 days behind". */
export function describeOffset(offsetMs: number): string {
  const direction = offsetMs >= 0 ? 'ahead of' : 'behind';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  let amount: string;
  if (Math.abs(offsetMs) < 60_000) amount = `${Math.round(Math.abs(offsetMs) / 1000)} seconds`;
  else if (minutes < 120) amount = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  else if (minutes < 48 * 60) amount = `about ${Math.round(minutes / 60)} hours`;
  else amount = `about ${Math.round(minutes / 1440)} days`;
  return `${amount} ${direction}`;
}

export function refineClockSkew({ draft, facts, context }: RefineInput): void {
  const fromMessage = offsetFromSignatureMessage(facts.text);
  const measured = context.clockOffsetMs;
  const offset = measured ?? fromMessage;
  if (offset === undefined) return;
  const source = measured === undefined ? 'from the times in the error message' : 'as measured by stsctl';
  if (Math.abs(offset) >= CLOCK_SKEW_THRESHOLD_MS) {
    draft.summary = `Your clock is ${describeOffset(offset)} AWS time, so AWS rejected the signature.`;
    setCause(draft.causes, 'clock', 'high', `The clock is ${describeOffset(offset)} AWS time (${source}).`);
    const hours = Math.abs(offset) / 3_600_000;
    if (hours >= 0.9 && Math.abs(hours - Math.round(hours)) < 0.1) {
      setCause(draft.causes, 'timezone', 'high', `The offset is close to a whole number of hours (${Math.round(hours)} h), typical of a wrong time zone or a dual-boot machine keeping local time in the hardware clock.`);
    }
  } else {
    draft.summary = `The request was signed too long before AWS received it (clock offset only ${describeOffset(offset)}).`;
    setCause(draft.causes, 'clock', 'low', `The clock is only ${describeOffset(offset)} AWS time (${source}).`);
    setCause(draft.causes, 'delayed', 'high', 'With an accurate clock, the signed request must have waited before being sent (queue, retry, pre-signed URL).');
  }
}
