import { useState } from 'preact/hooks';
import { LENSES, type Lens } from '../../../src/schemas/note.js';
import { splitLabels, usePanel, useT } from '../context.js';
import { useSaving } from './useSaving.js';

/** Props for {@link NoteForm}. */
export interface NoteFormProps {
  volunteerId: string;
}

/** Writes a new note about a volunteer, with the leadership lenses it touches. */
export function NoteForm({ volunteerId }: NoteFormProps) {
  const t = useT();
  const { store } = usePanel();
  const [error, setError] = useState('');
  const { saving, run } = useSaving();
  const id = `note-${volunteerId}`;
  return (
    <form
      class="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        return run(async () => {
          const form = new FormData(formEl);
          const text = String(form.get('text') ?? '').trim();
          if (!text) {
            setError(t('note.empty'));
            (document.getElementById(`${id}-text`) as HTMLTextAreaElement | null)?.focus();
            return;
          }
          setError('');
          await store.records.saveNote({
            volunteerIds: [volunteerId],
            text: text.slice(0, 20_000),
            lenses: form
              .getAll('lens')
              .map(String)
              .filter((l): l is Lens => (LENSES as string[]).includes(l)),
            tags: splitLabels(String(form.get('tags') ?? '')),
          });
          formEl.reset();
          store.ui.announce(t('note.saved'));
        });
      }}
    >
      <div class="field">
        <label for={`${id}-text`}>{t('note.text')}</label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={4}
          maxLength={20_000}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p id={`${id}-error`} class="error">
            {error}
          </p>
        )}
      </div>
      <fieldset>
        <legend>{t('note.lenses')}</legend>
        {LENSES.map((l) => (
          <label key={l} class="check">
            <input type="checkbox" name="lens" value={l} /> {t(`note.lens.${l}`)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${id}-tags`}>{t('note.tags')}</label>
        <input id={`${id}-tags`} name="tags" autocomplete="off" />
      </div>
      <button type="submit" aria-disabled={saving ? 'true' : undefined}>
        {saving ? t('common.saving') : t('note.save')}
      </button>
    </form>
  );
}
