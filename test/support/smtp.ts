/**
 * A real SMTP server for tests (the `smtp-server` package) that parses what it
 * receives with `mailparser`, as a mail client would. It can refuse for a while
 * (`451`, try again later), refuse for good (`550`), hold a sender mid-message
 * (it never answers MAIL FROM, so nothing is accepted), or go down and come
 * back on the same port.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  /** `smtp://user:pass@127.0.0.1:<port>`, for `SAMSKAB_SMTP_URL`. */
  url: string;
  /** Every message received, parsed, in order. */
  received: ParsedMail[];
  /** The raw envelope recipients of each message. */
  envelopes: string[][];
  /** What the server answers to DATA: accept, 451 (temporary) or 550 (permanent); `hold`: no answer to MAIL FROM. */
  mode: 'accept' | 'temporary' | 'permanent' | 'hold';
  /** Senders being held (`hold`) right now. */
  readonly held: number;
  /** Stops listening (connections are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  let port = 0;
  const state: Pick<TestSmtp, 'received' | 'envelopes' | 'mode'> = {
    received: [],
    envelopes: [],
    mode: 'accept',
  };
  const holding = new Set<string>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // Loopback has no name to look up; a lookup per connection would be all the bench measured.
      disableReverseLookup: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === 'samskab' && auth.password === 'hemmelig') {
          callback(null, { user: auth.username });
        } else callback(new Error('Invalid username or password'));
      },
      onMailFrom: (_address, session, callback) => {
        if (state.mode !== 'hold') return callback();
        // Never answered: the sender waits until it gives up or dies.
        holding.add(session.id);
      },
      onClose: (session) => {
        holding.delete(session.id);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            if (state.mode !== 'accept') {
              const error = new Error(
                state.mode === 'temporary' ? 'Try again later' : 'No such user',
              ) as Error & { responseCode: number };
              error.responseCode = state.mode === 'temporary' ? 451 : 550;
              callback(error);
              return;
            }
            state.received.push(mail);
            state.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  let server = make();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  // Object.assign would copy the getters' values once; `held` must stay live.
  return Object.defineProperties(
    Object.assign(state, {
      url: `smtp://samskab:hemmelig@127.0.0.1:${port}`,
      down: stop,
      async up() {
        server = make();
        await listen();
      },
      close: stop,
    }),
    { held: { get: () => holding.size } },
  ) as TestSmtp;
}
