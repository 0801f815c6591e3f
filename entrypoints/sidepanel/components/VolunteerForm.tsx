import { useState } from 'preact/hooks';
import { type Volunteer, VolunteerStatus } from '../../../src/schemas/volunteer.js';
import { splitLabels, usePanel, useT } from '../context.js';
import { useSaving } from './useSaving.js';

/** Props for {@link VolunteerForm}. */
export interface VolunteerFormProps {
  /** The volunteer to edit; a new one when absent. */
  volunteer?: Volunteer;
  onSaved(v: Volunteer): void;
}

/** Adds or edits a volunteer: name, optional contact, roles, tags and status. */
export function VolunteerForm({ volunteer, onSaved }: VolunteerFormProps) {
  const t = useT();
  const { store } = usePanel();
  const [error, setError] = useState('');
  const { saving, run } = useSaving();
  const prefix = volunteer ? `edit-${volunteer.id}` : 'new-volunteer';
  const nameField = () => document.getElementById(`${prefix}-name`) as HTMLInputElement | null;
  const submit = (e: Event) => {
    e.preventDefault();
    // Read now: `currentTarget` is gone once the save has been awaited.
    const formEl = e.currentTarget as HTMLFormElement;
    return run(async () => {
      const form = new FormData(formEl);
      const name = String(form.get('name') ?? '').trim();
      if (!name) {
        setError(t('error.volunteer.name.required'));
        nameField()?.focus();
        return;
      }
      setError('');
      const status = VolunteerStatus.safeParse(form.get('status'));
      const saved = await store.records.saveVolunteer({
        ...(volunteer ? { id: volunteer.id } : {}),
        name: name.slice(0, 120),
        contact: String(form.get('contact') ?? '')
          .trim()
          .slice(0, 200),
        roles: splitLabels(String(form.get('roles') ?? '')),
        tags: splitLabels(String(form.get('tags') ?? '')),
        status: status.success ? status.data : 'active',
      });
      store.ui.announce(t('volunteer.saved', { name: saved.name }));
      if (!volunteer) {
        // Ready for the next one; a stray second click now asks for a name
        // instead of saving the same volunteer again.
        formEl.reset();
        nameField()?.focus();
      }
      onSaved(saved);
    });
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <div class="field">
        <label for={`${prefix}-name`}>{t('volunteer.name')}</label>
        <input
          id={`${prefix}-name`}
          name="name"
          required
          maxLength={120}
          autocomplete="off"
          defaultValue={volunteer?.name}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${prefix}-error` : undefined}
        />
        {error && (
          <p id={`${prefix}-error`} class="error">
            {error}
          </p>
        )}
      </div>
      <div class="field">
        <label for={`${prefix}-contact`}>{t('volunteer.contact')}</label>
        <input
          id={`${prefix}-contact`}
          name="contact"
          maxLength={200}
          autocomplete="off"
          defaultValue={volunteer?.contact}
        />
      </div>
      <div class="field">
        <label for={`${prefix}-roles`}>{t('volunteer.roles')}</label>
        <input
          id={`${prefix}-roles`}
          name="roles"
          autocomplete="off"
          defaultValue={volunteer?.roles.join(', ')}
        />
      </div>
      <div class="field">
        <label for={`${prefix}-tags`}>{t('volunteer.tags')}</label>
        <input
          id={`${prefix}-tags`}
          name="tags"
          autocomplete="off"
          defaultValue={volunteer?.tags.join(', ')}
        />
      </div>
      <div class="field">
        <label for={`${prefix}-status`}>{t('volunteer.status')}</label>
        <select id={`${prefix}-status`} name="status" defaultValue={volunteer?.status ?? 'active'}>
          {VolunteerStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`volunteer.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" aria-disabled={saving ? 'true' : undefined}>
        {saving ? t('common.saving') : t('volunteer.save')}
      </button>
    </form>
  );
}
