/**
 * The passkey ceremonies on /leder/konto/passkeys and /leder/log-ind/passkey:
 * asks the server for options, lets @simplewebauthn/browser talk to the
 * authenticator, and posts the result back. The pages keep their forms hidden
 * until this runs, and say in a <noscript> what to do without it. Only text
 * is ever written to the page (the page requires Trusted Types).
 */
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';

const errorLine = document.getElementById('passkey-error');
const texts = document.getElementById('passkey-texts')?.dataset ?? {};

/** Shows `text` in the alert and moves focus there, so a screen reader reads it at once. */
function showError(text: string | undefined) {
  if (!errorLine) return;
  errorLine.textContent = text || texts.failed || '';
  errorLine.hidden = false;
  errorLine.focus();
}

function clearError() {
  if (!errorLine) return;
  errorLine.textContent = '';
  errorLine.hidden = true;
}

/** The browser's own errors, in the page's words: a cancelled prompt is not a failure. */
function browserError(error: unknown): string | undefined {
  const names = [error, (error as { cause?: unknown } | null)?.cause].map(
    (e) => (e as { name?: unknown } | null)?.name,
  );
  return names.includes('NotAllowedError') || names.includes('AbortError')
    ? texts.cancelled
    : texts.failed;
}

/** POSTs `body` as JSON; the parsed answer, or an Error carrying the server's text. */
async function post(url: string, body: unknown, csrf?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new ServerRefused(typeof answer.error === 'string' ? answer.error : '');
  return answer;
}

class ServerRefused extends Error {}

const go = (answer: Record<string, unknown>) => {
  const to = typeof answer.redirect === 'string' ? answer.redirect : '/leder';
  // Only our own paths.
  location.assign(to.startsWith('/leder') ? to : '/leder');
};

/** Runs `ceremony` for `form`'s submit, with its button disabled while it lasts. */
function wire(form: HTMLFormElement, ceremony: () => Promise<void>) {
  const wrap = form.parentElement;
  if (!browserSupportsWebAuthn()) {
    showError(texts.unsupported);
    return;
  }
  if (wrap) wrap.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button?.disabled) return;
    if (button) button.disabled = true;
    clearError();
    try {
      await ceremony();
    } catch (error) {
      showError(error instanceof ServerRefused ? error.message : browserError(error));
    } finally {
      if (button) button.disabled = false;
    }
  });
}

const add = document.getElementById('passkey-add');
if (add instanceof HTMLFormElement) {
  wire(add, async () => {
    const csrf = (add.elements.namedItem('csrf') as HTMLInputElement | null)?.value ?? '';
    const name = add.elements.namedItem('name') as HTMLInputElement;
    if (name.value.trim() === '') {
      name.setAttribute('aria-invalid', 'true');
      name.focus();
      name.reportValidity();
      return;
    }
    name.removeAttribute('aria-invalid');
    const optionsJSON = await post('/leder/konto/passkeys/valg', {}, csrf);
    const response = await startRegistration({ optionsJSON: optionsJSON as never });
    go(await post('/leder/konto/passkeys', { name: name.value, response }, csrf));
  });
}

const signIn = document.getElementById('passkey-sign-in');
if (signIn instanceof HTMLFormElement) {
  wire(signIn, async () => {
    const { id, options } = await post('/leder/log-ind/passkey/valg', {});
    const response = await startAuthentication({ optionsJSON: options as never });
    go(await post('/leder/log-ind/passkey', { id, response }));
  });
}
