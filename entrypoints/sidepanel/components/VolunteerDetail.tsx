import { useState } from 'preact/hooks';
import { usePanel, useT } from '../context.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FollowUpForm } from './FollowUpForm.js';
import { FollowUpItem } from './FollowUpItem.js';
import { NoteForm } from './NoteForm.js';
import { NoteItem } from './NoteItem.js';
import { useFocusRequest } from './useFocusRequest.js';
import { VolunteerForm } from './VolunteerForm.js';

/** Props for {@link VolunteerDetail}. */
export interface VolunteerDetailProps {
  volunteerId: string;
}

/** One volunteer: notes, a new note, follow-ups, linking the current page, and erasure. */
export function VolunteerDetail({ volunteerId }: VolunteerDetailProps) {
  const t = useT();
  const { store } = usePanel();
  const volunteer = store.records.volunteers.value.get(volunteerId);
  const notes = store.records.notesByVolunteer.value.get(volunteerId) ?? [];
  const followUps = [...store.records.followUps.value.values()].filter(
    (f) => f.volunteerId === volunteerId && !f.done,
  );
  const page = store.page.identity.value;
  const linked = store.page.linksHere.value.some((l) => l.target.id === volunteerId);
  const [confirming, setConfirming] = useState(false);
  const heading = useFocusRequest(volunteerId);

  if (!volunteer) {
    return (
      <section>
        <p>{t('volunteer.notFound')}</p>
        <button type="button" onClick={() => store.ui.show('volunteers')}>
          {t('volunteer.back')}
        </button>
      </section>
    );
  }
  const erase = async () => {
    const name = volunteer.name;
    setConfirming(false);
    await store.records.eraseVolunteer(volunteer.id);
    store.ui.show('volunteers');
    store.ui.announce(t('volunteer.erased', { name }));
  };
  return (
    <section aria-labelledby="volunteer-heading">
      <button type="button" class="link" onClick={() => store.ui.show('volunteers')}>
        ← {t('volunteer.back')}
      </button>
      <h2 id="volunteer-heading" ref={heading} tabIndex={-1}>
        {volunteer.name}
      </h2>
      <p class="muted">
        {t(`volunteer.status.${volunteer.status}`)}
        {volunteer.roles.length > 0 && ` · ${volunteer.roles.join(', ')}`}
        {volunteer.contact && ` · ${volunteer.contact}`}
      </p>
      {volunteer.tags.length > 0 && (
        <ul class="tags">
          {volunteer.tags.map((tag) => (
            <li key={tag}>#{tag}</li>
          ))}
        </ul>
      )}
      {page && !linked && (
        <button
          type="button"
          onClick={async () => {
            await store.records.linkPage(
              page,
              { kind: 'volunteer', id: volunteer.id },
              store.page.title.value,
            );
            store.ui.announce(t('page.linked', { name: volunteer.name }));
          }}
        >
          {t('volunteer.linkPage', { name: volunteer.name })}
        </button>
      )}
      <details class="add">
        <summary>{t('volunteer.edit')}</summary>
        <VolunteerForm volunteer={volunteer} onSaved={() => {}} />
      </details>

      <h3>{t('note.add')}</h3>
      <NoteForm volunteerId={volunteer.id} />

      <h3>{t('volunteer.notes')}</h3>
      {notes.length === 0 ? (
        <p>{t('volunteer.noNotes', { name: volunteer.name })}</p>
      ) : (
        <ul class="list plain">
          {notes.map((n) => (
            <li key={n.id}>
              <NoteItem note={n} />
            </li>
          ))}
        </ul>
      )}

      <h3>{t('followUps.heading')}</h3>
      {followUps.length > 0 && (
        <ul class="list plain">
          {followUps.map((f) => (
            <FollowUpItem key={f.id} followUp={f} variant="volunteer" />
          ))}
        </ul>
      )}
      <details class="add">
        <summary>{t('followUps.add')}</summary>
        <FollowUpForm volunteerId={volunteer.id} />
      </details>

      <div class="danger-zone">
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('volunteer.erase')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('volunteer.eraseConfirmTitle', { name: volunteer.name })}
          body={t('volunteer.eraseConfirmBody', { name: volunteer.name })}
          confirmLabel={t('volunteer.eraseConfirm')}
          onConfirm={erase}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
