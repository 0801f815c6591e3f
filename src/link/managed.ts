/**
 * What a municipality's IT set for the sidebar through policy (Chrome/Edge:
 * the `3rdparty` extension policy checked against managed_schema.json;
 * Firefox: policies.json's `3rdparty.Extensions`). Read from
 * `browser.storage.managed`; anything missing or malformed is ignored.
 */
import { browser } from 'wxt/browser';

/** The managed settings the sidebar understands. */
export interface ManagedSettings {
  /** The Samskab server's address, pre-filled and locked in "Forbind til Samskab". */
  serverUrl?: string;
  /** The notes' retention (months before review, 0 = never), as the notes' own setting is named. */
  retentionMonths?: number;
}

/** Keeps the values that have the right shape. */
export function readManaged(raw: unknown): ManagedSettings {
  const out: ManagedSettings = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.serverUrl === 'string' && r.serverUrl.trim())
    out.serverUrl = r.serverUrl.trim().slice(0, 300);
  if (
    typeof r.retentionMonths === 'number' &&
    Number.isInteger(r.retentionMonths) &&
    r.retentionMonths >= 0 &&
    r.retentionMonths <= 120
  )
    out.retentionMonths = r.retentionMonths;
  return out;
}

/** The managed settings; none when there is no policy (Firefox then rejects the read). */
export async function loadManaged(): Promise<ManagedSettings> {
  try {
    const managed = browser.storage.managed as typeof browser.storage.managed | undefined;
    if (!managed) return {};
    return readManaged(await managed.get(['serverUrl', 'retentionMonths']));
  } catch {
    return {};
  }
}
