/**
 * Where the leader is in the panel and what was last announced to screen
 * readers. Kept apart from the records so tests can drive navigation alone.
 */
import { signal } from '@preact/signals';

/** The panel's sections; `link` (the workplace in Samskab) only in a build with servers. */
export type View = 'page' | 'volunteers' | 'followUps' | 'week' | 'data' | 'link';

/** Creates the UI slice. */
export function createUi() {
  const view = signal<View>('page');
  const selected = signal<string | null>(null);
  const announcement = signal('');
  /** Incremented to ask the current view to move focus to its heading. */
  const focusRequest = signal(0);

  return {
    view,
    selected,
    announcement,
    focusRequest,

    show(next: View, volunteerId: string | null = null) {
      view.value = next;
      selected.value = volunteerId;
      focusRequest.value++;
    },

    /** Says `message` through the polite live region; repeating a message still announces it. */
    announce(message: string) {
      announcement.value = announcement.value === message ? `${message}\u00a0` : message;
    },
  };
}

/** The UI slice. */
export type Ui = ReturnType<typeof createUi>;
