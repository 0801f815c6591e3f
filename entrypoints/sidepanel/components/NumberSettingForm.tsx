import { usePanel, useT } from '../context.js';

/** Props for {@link NumberSettingForm}. */
export interface NumberSettingFormProps {
  /** The setting the form saves. */
  setting: 'retentionMonths' | 'quietWeeks' | 'lockAfterMinutes';
  /** The input's id; its label points at it. */
  id: string;
  /** The input's form field name. */
  name: string;
  label: string;
  min: number;
  max: number;
  /** Set by the organisation: the value shows, read-only, with this explanation. */
  locked?: string;
}

/** A one-line form that saves a whole-number setting within its range and announces it. */
export function NumberSettingForm({
  setting,
  id,
  name,
  label,
  min,
  max,
  locked,
}: NumberSettingFormProps) {
  const t = useT();
  const { store } = usePanel();
  const value = store.records.settings.value[setting];
  return (
    <form
      class="row"
      onSubmit={async (e) => {
        e.preventDefault();
        const n = Number(new FormData(e.currentTarget).get(name));
        if (!locked && Number.isInteger(n) && n >= min && n <= max) {
          await store.records.saveSettings({ [setting]: n });
          store.ui.announce(t('data.settingsSaved'));
        }
      }}
    >
      <label for={id}>{label}</label>
      <input
        key={locked === undefined ? 'own' : `locked-${value}`}
        id={id}
        name={name}
        type="number"
        min={min}
        max={max}
        defaultValue={String(value)}
        class="narrow"
        readOnly={locked !== undefined}
        aria-describedby={locked !== undefined ? `${id}-locked` : undefined}
      />
      {locked === undefined ? (
        <button type="submit">{t('data.retentionSave')}</button>
      ) : (
        <p id={`${id}-locked`} class="muted">
          {locked}
        </p>
      )}
    </form>
  );
}
