import { useEffect, useRef } from 'preact/hooks';
import { usePanel } from '../context.js';

/**
 * A ref for a view's heading that takes focus whenever the store's
 * `focusRequest` changes; with a `subject` (the item the view shows) it also
 * takes focus on first render and whenever the subject changes.
 */
export function useFocusRequest<T extends HTMLElement = HTMLHeadingElement>(subject?: string) {
  const { store } = usePanel();
  const ref = useRef<T>(null);
  const focusRequest = store.ui.focusRequest.value;
  useEffect(() => {
    if (focusRequest > 0 || subject !== undefined) ref.current?.focus();
  }, [focusRequest, subject]);
  return ref;
}
