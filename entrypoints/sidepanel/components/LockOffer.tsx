import { usePanel, useT } from '../context.js';

/** Props for {@link LockOffer}. */
export type LockOfferProps = Record<string, never>;

/** The first-start offer to lock the notes with a passphrase, until taken or declined. */
export function LockOffer(_: LockOfferProps) {
  const t = useT();
  const { store, lock } = usePanel();
  if (!lock?.offer.value) return null;
  return (
    <div class="notice">
      <p>{t('lock.offer')}</p>
      <div class="row">
        <button
          type="button"
          onClick={() => {
            store.ui.show('data');
            // The Data view's lock form, once it is on screen.
            requestAnimationFrame(() => document.getElementById('lock-new')?.focus());
          }}
        >
          {t('lock.offerChoose')}
        </button>
        <button type="button" onClick={() => void lock.dismissOffer()}>
          {t('lock.offerLater')}
        </button>
      </div>
    </div>
  );
}
