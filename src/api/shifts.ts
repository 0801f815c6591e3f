/** The shift calendar's calls, on the API client. */
import type { Locale } from '../i18n/index.js';
import type { ClaimData } from '../schemas/claim.js';
import { ShiftList } from '../schemas/shift.js';
import { type ApiError, apiUrl, get, request, write } from './client.js';

/** The shifts that start in [`from`, `to`), of one activity or of all. */
export function fetchShifts(
  endpoint: string,
  locale: Locale,
  { from, to, activity }: { from: Date; to: Date; activity?: string | undefined },
  signal?: AbortSignal,
) {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  if (activity) query.set('activity', activity);
  return get(endpoint, `shifts?${query}`, locale, ShiftList, signal);
}

/** Cancels the claim a cancel token names; one already gone (404) counts as cancelled. */
export async function cancelClaim(endpoint: string, cancelToken: string, locale: Locale) {
  try {
    await request(apiUrl(endpoint, `claims/${cancelToken}/cancel`), locale, { method: 'POST' });
  } catch (error) {
    if ((error as ApiError).status !== 404) throw error;
  }
}

/** A claim (or a waitlist place) for `POST /shifts/:id/claims`; its answer is a `ClaimReceipt`. */
export const claimWrite = (endpoint: string, shiftId: string, input: ClaimData) =>
  write(endpoint, `shifts/${shiftId}/claims`, input);
