/**
 * Passkeys that unlock the notes: WebAuthn with the PRF extension, called
 * from the extension's own pages. The PRF output (32 bytes, from the
 * authenticator's secret and the keyring's salt) is what `src/notes/vault.ts`
 * wraps the master secret with; no server, no challenge to verify, nothing
 * leaves the device.
 *
 * Where it works (tried in Chromium 156 with a virtual authenticator, see
 * test/e2e/sidebar-passkey.e2e.ts): Chromium lets `chrome-extension://` pages
 * use WebAuthn when the RP ID is left out, and then binds the credential to
 * the RP ID `chrome-extension://<id>`.
 * https://chromium.googlesource.com/chromium/src/+/main/content/browser/webauth/origins.md
 * Firefox refuses a `moz-extension://` page's own origin as an RP ID
 * ("SecurityError: The operation is insecure"); from Firefox 150 on it accepts
 * only web domains the extension has host permissions for (bug 1956484),
 * which would put the leader's passkey on a website's name. So Firefox gets
 * no passkey button.
 */

/** Why a passkey did not do what was asked, as the panel tells it. */
export type PasskeyProblem =
  /** The leader closed the browser's dialog, it timed out, or the authenticator knew no such key: WebAuthn reports all three alike (NotAllowedError). */
  | 'cancelled'
  /** The authenticator gave no PRF output (a key without `hmac-secret`, or a provider without PRF). */
  | 'noPrf'
  /** This authenticator already holds one of the keyring's passkeys (InvalidStateError). */
  | 'exists'
  /** The browser does not allow WebAuthn here (SecurityError, NotSupportedError). */
  | 'unsupported';

/** A WebAuthn failure the leader can act on; anything else is thrown as it came. */
export class PasskeyError extends Error {
  readonly code: PasskeyProblem;
  constructor(code: PasskeyProblem, cause?: unknown) {
    super(`passkey: ${code}`, { cause });
    this.name = 'PasskeyError';
    this.code = code;
  }
}

/** A passkey's answer: which credential, and its PRF output for the keyring's salt. */
export interface PasskeyResult {
  /** base64url, as `PasskeyWrap.credentialId` keeps it. */
  credentialId: string;
  prfOutput: Uint8Array<ArrayBuffer>;
}

/** What the lock needs from WebAuthn; tests pass a fake. */
export interface PasskeyClient {
  /** Whether this browser lets this page unlock with a passkey at all. */
  supported(): Promise<boolean>;
  /** Makes a new passkey and evaluates its PRF for `prfSalt`. */
  create(options: CreateOptions): Promise<PasskeyResult>;
  /** Asks for one of `allow` (credential ids) and evaluates its PRF for `prfSalt`. */
  get(options: GetOptions): Promise<PasskeyResult>;
}

/** Input for {@link PasskeyClient.create}. */
export interface CreateOptions {
  prfSalt: Uint8Array<ArrayBuffer>;
  /** Credential ids already in the keyring: the authenticator refuses to make a second one. */
  exclude: readonly string[];
  /** What the browser's dialog and password manager show for the passkey. */
  name: string;
}

/** Input for {@link PasskeyClient.get}. */
export interface GetOptions {
  prfSalt: Uint8Array<ArrayBuffer>;
  allow: readonly string[];
}

// ---------------------------------------------------------------------------
// base64url (RFC 4648 §5, no padding), as WebAuthn's JSON forms write ids.

/** Bytes as base64url without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url text; throws a SyntaxError on anything else (padding and `+/` included). */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1)
    throw new SyntaxError('passkey: not base64url');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

// ---------------------------------------------------------------------------
// The browser's WebAuthn

/** What WebAuthn's errors mean to the leader; null for an error that is a bug. */
export function problemOf(error: unknown): PasskeyProblem | null {
  if (!(error instanceof Error)) return null;
  switch (error.name) {
    case 'NotAllowedError':
    case 'AbortError':
      return 'cancelled';
    case 'InvalidStateError':
      return 'exists';
    case 'SecurityError':
    case 'NotSupportedError':
      return 'unsupported';
    default:
      return null;
  }
}

/** Runs a WebAuthn call, turning the errors the leader can act on into {@link PasskeyError}. */
async function ceremony<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const code = problemOf(e);
    throw code ? new PasskeyError(code, e) : e;
  }
}

/** The PRF output in a credential's extension results, copied; null when there is none of 32 bytes. */
export function prfOutputOf(
  results: AuthenticationExtensionsClientOutputs,
): Uint8Array<ArrayBuffer> | null {
  const first = results.prf?.results?.first;
  if (!first) return null;
  const bytes = ArrayBuffer.isView(first)
    ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength)
    : new Uint8Array(first);
  return bytes.byteLength === 32 ? bytes.slice() : null;
}

/**
 * Whether this page may unlock with a passkey: an extension page of a
 * Chromium browser (the only kind that accepts its own origin as RP ID) that
 * says it evaluates PRF. `getClientCapabilities` came in Chrome 133; older
 * versions are not offered the button rather than guessed at.
 */
async function supported(): Promise<boolean> {
  if (globalThis.location?.protocol !== 'chrome-extension:') return false;
  if (!globalThis.isSecureContext || typeof PublicKeyCredential !== 'function') return false;
  if (typeof PublicKeyCredential.getClientCapabilities !== 'function') return false;
  try {
    const caps = await PublicKeyCredential.getClientCapabilities();
    return caps['extension:prf'] === true;
  } catch {
    return false;
  }
}

const publicKey = (ids: readonly string[]): PublicKeyCredentialDescriptor[] =>
  ids.map((id) => ({ type: 'public-key', id: fromBase64url(id) }));

const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/**
 * The one PRF evaluation for `prfSalt`. User verification is required both
 * when making and when using a passkey: CTAP2's `hmac-secret` keeps separate
 * secrets with and without it, so the output would differ otherwise
 * (https://fidoalliance.org/specs/fido-v2.1-ps-20210615/fido-client-to-authenticator-protocol-v2.1-ps-errata-20220621.html#sctn-hmac-secret-extension).
 */
async function get({ prfSalt, allow }: GetOptions): Promise<PasskeyResult> {
  const credential = await ceremony(
    () =>
      navigator.credentials.get({
        publicKey: {
          // No rpId: the page's origin is the RP ID (see the module comment);
          // the challenge is not verified by anyone, PRF is what matters.
          challenge: random(32),
          allowCredentials: publicKey(allow),
          userVerification: 'required',
          extensions: { prf: { eval: { first: prfSalt } } },
        },
      }) as Promise<PublicKeyCredential | null>,
  );
  if (!credential) throw new PasskeyError('cancelled');
  const prfOutput = prfOutputOf(credential.getClientExtensionResults());
  if (!prfOutput) throw new PasskeyError('noPrf');
  return { credentialId: credential.id, prfOutput };
}

/**
 * Makes a passkey and evaluates its PRF: at once where the authenticator
 * can (CTAP 2.1 `hmac-secret-mc`, platform passkeys), else with a second
 * touch through `get`, as security keys of CTAP 2.0 need
 * (https://w3c.github.io/webauthn/#prf-extension).
 */
async function create({ prfSalt, exclude, name }: CreateOptions): Promise<PasskeyResult> {
  const credential = await ceremony(
    () =>
      navigator.credentials.create({
        publicKey: {
          rp: { name: 'Samskab' },
          // A random user handle per passkey: a second one on the same
          // authenticator must not overwrite the first.
          user: { id: random(16), name, displayName: name },
          challenge: random(32),
          pubKeyCredParams: [
            { type: 'public-key', alg: -8 },
            { type: 'public-key', alg: -7 },
            { type: 'public-key', alg: -257 },
          ],
          excludeCredentials: publicKey(exclude),
          authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
          attestation: 'none',
          extensions: { prf: { eval: { first: prfSalt } } },
        },
      }) as Promise<PublicKeyCredential | null>,
  );
  if (!credential) throw new PasskeyError('cancelled');
  const results = credential.getClientExtensionResults();
  const now = prfOutputOf(results);
  if (now) return { credentialId: credential.id, prfOutput: now };
  if (results.prf?.enabled !== true) throw new PasskeyError('noPrf');
  return get({ prfSalt, allow: [credential.id] });
}

/** The browser's WebAuthn, for the sidebar's extension page. */
export const browserPasskeys: PasskeyClient = { supported, create, get };
