import { useEffect, useState } from 'preact/hooks';
import { usePanel, useT } from '../context.js';

/** Props for {@link StorageStatus}. */
export type StorageStatusProps = Record<string, never>;

/**
 * Shows whether the browser has granted persistent storage, and offers to ask
 * for it: without it, notes can be evicted when the disk fills up.
 */
export function StorageStatus(_: StorageStatusProps) {
  const t = useT();
  const { services } = usePanel();
  const [persisted, setPersisted] = useState<boolean | null | 'denied'>(null);
  useEffect(() => {
    services.persisted().then(setPersisted, () => setPersisted(null));
  }, [services]);
  const ask = async () => setPersisted((await services.persist()) ? true : 'denied');
  return (
    <p class="storage" data-state={String(persisted)}>
      {persisted === true
        ? t('storage.persisted')
        : persisted === null
          ? t('storage.unknown')
          : t('storage.notPersisted')}
      {persisted === false && (
        <button type="button" class="link" onClick={ask}>
          {t('storage.request')}
        </button>
      )}
      {persisted === 'denied' && <span> {t('storage.denied')}</span>}
    </p>
  );
}
