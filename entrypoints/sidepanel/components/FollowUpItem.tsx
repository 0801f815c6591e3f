import type { FollowUp } from '../../../src/schemas/follow-up.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link FollowUpItem}. */
export interface FollowUpItemProps {
  followUp: FollowUp;
  /** `overview` names the volunteer and puts the due date on its own line; `volunteer` keeps it inline. */
  variant: 'overview' | 'volunteer';
}

/** One open follow-up as a list row: its text, when it is due, and a "done" button. */
export function FollowUpItem({ followUp: f, variant }: FollowUpItemProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const due = t('followUps.due.label', { date: formatDateTime(new Date(f.due), locale) });
  const v =
    variant === 'overview' && f.volunteerId
      ? store.records.volunteers.value.get(f.volunteerId)
      : undefined;
  return (
    <li class="row">
      {variant === 'overview' ? (
        <span>
          {v && <strong>{v.name}: </strong>}
          {f.text}
          <span class="muted block">{due}</span>
        </span>
      ) : (
        <span>
          {f.text} <span class="muted">· {due}</span>
        </span>
      )}
      <button
        type="button"
        onClick={async () => {
          await store.records.markDone(f.id);
          store.ui.announce(t('followUps.markedDone'));
        }}
      >
        {t('followUps.done')}
      </button>
    </li>
  );
}
