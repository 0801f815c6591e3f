/** Props for {@link PassphraseField}. */
export interface PassphraseFieldProps {
  id: string;
  name: string;
  label: string;
  /** `current-password` to open, `new-password` to choose; `off` for a recovery key. */
  autocomplete: 'current-password' | 'new-password' | 'off';
  /** Shown under the field and read with it. */
  hint?: string;
  /** The field's problem, in words; marks it invalid and is read with it. */
  error?: string | null;
  /** A recovery key is typed where it can be seen, in a monospace face. */
  visible?: boolean;
}

/** A labelled passphrase (or recovery key) field with its hint and error tied to it. */
export function PassphraseField({
  id,
  name,
  label,
  autocomplete,
  hint,
  error,
  visible = false,
}: PassphraseFieldProps) {
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        // Spread: Preact's input types do not take a union for `type`.
        {...(visible ? { type: 'text' as const, class: 'code' } : { type: 'password' as const })}
        autocomplete={autocomplete}
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <p id={hintId} class="muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props for {@link NewPassphraseFields}. */
export interface NewPassphraseFieldsProps {
  /** The fields' ids are `<prefix>-new` and `<prefix>-repeat`. */
  prefix: string;
  label: string;
  repeatLabel: string;
  hint: string;
  /** The problem of the field with this id, if any. */
  errorFor: (id: string) => string | null | undefined;
}

/** A new passphrase and the same again, as every form that sets one asks for it. */
export function NewPassphraseFields({
  prefix,
  label,
  repeatLabel,
  hint,
  errorFor,
}: NewPassphraseFieldsProps) {
  return (
    <>
      <PassphraseField
        id={`${prefix}-new`}
        name="passphrase"
        label={label}
        autocomplete="new-password"
        hint={hint}
        error={errorFor(`${prefix}-new`)}
      />
      <PassphraseField
        id={`${prefix}-repeat`}
        name="repeat"
        label={repeatLabel}
        autocomplete="new-password"
        error={errorFor(`${prefix}-repeat`)}
      />
    </>
  );
}
