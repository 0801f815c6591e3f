/**
 * A real OpenID Connect provider for tests: panva's oidc-provider (the
 * certified implementation) on loopback, with its development login and
 * consent pages, one confidential client, and the people it knows. A browser
 * is played by `Browser`: fetch with a cookie jar, following redirects by hand.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no type declarations.
import ProviderModule from 'oidc-provider';

interface ProviderInstance {
  callback(): (req: unknown, res: unknown) => void;
}
const Provider = ProviderModule as new (
  issuer: string,
  configuration: Record<string, unknown>,
) => ProviderInstance;

export interface ProviderPerson {
  email: string;
  name: string;
  email_verified?: boolean;
}

export interface RunningProvider {
  issuer: string;
  close(): Promise<void>;
}

/** A port nothing listens on now (for a provider that is down, or starts later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The provider at `http://127.0.0.1:<port>`: client `clientId`/`clientSecret`
 * (client_secret_basic) redirecting to `redirectUri`; a person signs in with
 * their key in `people` as login (any password). ID tokens carry the profile
 * and e-mail claims, as Entra ID and Keycloak send them.
 */
export async function startProvider({
  port,
  clientId,
  clientSecret,
  redirectUri,
  people,
}: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  people: Record<string, ProviderPerson>;
}): Promise<RunningProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx: unknown, sub: string) => {
      const person = people[sub];
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email_verified: true, ...person }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Cookie {
  value: string;
  path: string;
}

/**
 * A browser's part in the flow: one cookie jar (cookies are per host, not per
 * port, so the provider's and the server's share it, told apart by name and
 * path), redirects followed by hand.
 */
export class Browser {
  readonly jar = new Map<string, Cookie>();

  /** One request, keeping the cookies it sets. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = [...this.jar]
      .filter(
        ([, c]) =>
          target.pathname === c.path ||
          target.pathname.startsWith(`${c.path.replace(/\/$/, '')}/`) ||
          c.path === '/',
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookies) headers.set('Cookie', cookies);
    headers.set('Accept-Language', headers.get('Accept-Language') ?? 'da');
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.#keep(line);
    return res;
  }

  /**
   * Requests `url` and follows redirects until an answer that is not one, or
   * until the next location starts with `stopAt` (returned unfetched).
   */
  async follow(
    url: string,
    stopAt?: string,
    init: RequestInit = {},
  ): Promise<{ res?: Response; url: string }> {
    let current = url;
    let options = init;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.request(current, options);
      const location = res.headers.get('Location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: current };
      await res.body?.cancel();
      current = new URL(location, current).href;
      options = {};
      if (stopAt && current.startsWith(stopAt)) return { url: current };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  #keep(line: string) {
    const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = '/';
    let gone = value === '';
    for (const attribute of attributes) {
      const [key = '', val = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = val;
      if (key.toLowerCase() === 'max-age' && Number(val) <= 0) gone = true;
      if (key.toLowerCase() === 'expires' && Date.parse(val) <= Date.now()) gone = true;
    }
    if (gone) this.jar.delete(name);
    else this.jar.set(name, { value, path });
  }
}

/** The first form on `page`: where it posts and its hidden fields. */
export function formOf(page: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`no form on the page: ${page.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const [input] of page.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1];
    if (name && /type="hidden"/.test(input)) fields[name] = value ?? '';
  }
  return { action: action.replaceAll('&amp;', '&'), fields };
}
