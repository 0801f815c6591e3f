import { useState } from 'preact/hooks';
import type { Note } from '../../../src/schemas/note.js';
import { formatDateTime } from '../../../src/time/copenhagen.js';
import { usePanel, useT } from '../context.js';

/** Props for {@link NoteItem}. */
export interface NoteItemProps {
  note: Note;
  /** Offer to file the note under a volunteer (for captured quotes). */
  assignable?: boolean;
  /** Offer "keep" for the retention review. */
  reviewable?: boolean;
}

/** One note with its lenses, tags, quote and actions (link to page, delete, file, keep). */
export function NoteItem({ note, assignable, reviewable }: NoteItemProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const page = store.page.identity.value;
  const [assignTo, setAssignTo] = useState('');
  const linkedHere = store.page.linksHere.value.some((l) => l.target.id === note.id);
  const names = note.volunteerIds
    .map((id) => store.records.volunteers.value.get(id)?.name)
    .filter(Boolean);
  const selectId = `assign-${note.id}`;
  return (
    <article
      class="note"
      aria-label={t('note.written', { date: formatDateTime(new Date(note.createdAt), locale) })}
    >
      {names.length > 0 && <p class="muted">{names.join(', ')}</p>}
      {note.text && <p class="note-text">{note.text}</p>}
      {note.quote && (
        <figure class="quote">
          <blockquote>{note.quote.text}</blockquote>
          <figcaption>
            {t('note.quoteFrom', { title: note.quote.title || note.quote.url })}
          </figcaption>
        </figure>
      )}
      {(note.lenses.length > 0 || note.tags.length > 0) && (
        <ul class="tags">
          {note.lenses.map((l) => (
            <li key={l}>{t(`note.lens.${l}`)}</li>
          ))}
          {note.tags.map((tag) => (
            <li key={`t${tag}`}>#{tag}</li>
          ))}
        </ul>
      )}
      <p class="muted">
        {t('note.written', { date: formatDateTime(new Date(note.createdAt), locale) })}
      </p>
      <div class="row">
        {page && !linkedHere && (
          <button
            type="button"
            onClick={async () => {
              await store.records.linkPage(
                page,
                { kind: 'note', id: note.id },
                store.page.title.value,
              );
              store.ui.announce(t('page.linked', { name: t('note.text') }));
            }}
          >
            {t('note.linkPage')}
          </button>
        )}
        {reviewable && (
          <button
            type="button"
            onClick={async () => {
              await store.records.keepNote(note.id);
              store.ui.announce(t('note.kept'));
            }}
          >
            {t('note.keep')}
          </button>
        )}
        <button
          type="button"
          class="danger"
          onClick={async () => {
            await store.records.deleteNote(note.id);
            store.ui.announce(t('note.deleted'));
          }}
        >
          {t('note.delete')}
        </button>
      </div>
      {assignable && store.records.sortedVolunteers.value.length > 0 && (
        <form
          class="row"
          onSubmit={async (e) => {
            e.preventDefault();
            const v = store.records.volunteers.value.get(assignTo);
            if (!v) return;
            const { id, createdAt: _c, updatedAt: _u, ...rest } = note;
            await store.records.saveNote({
              ...rest,
              id,
              volunteerIds: [...note.volunteerIds, v.id],
            });
            store.ui.announce(t('note.assigned', { name: v.name }));
          }}
        >
          <label for={selectId}>{t('note.assign')}</label>
          <select
            id={selectId}
            value={assignTo}
            onChange={(e) => setAssignTo(e.currentTarget.value)}
          >
            <option value="">{t('page.choose')}</option>
            {store.records.sortedVolunteers.value.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!assignTo}>
            {t('note.assign')}
          </button>
        </form>
      )}
    </article>
  );
}
