import { useRef, useState } from 'preact/hooks';

/**
 * Runs a form's save one at a time: a second click or Enter while a save is
 * still running is ignored, so a double click cannot save twice. `saving`
 * lets the button say "Gemmer …" meanwhile.
 */
export function useSaving() {
  const running = useRef(false);
  const [saving, setSaving] = useState(false);
  const run = async (job: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setSaving(true);
    try {
      await job();
    } finally {
      running.current = false;
      setSaving(false);
    }
  };
  return { saving, run };
}
