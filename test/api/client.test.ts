import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  fetchActivities,
  fetchIcs,
  postIdempotent,
  signupWrite,
} from '../../src/api/client.js';
import { fetchQuestions, reflectionWrite } from '../../src/api/reflections.js';
import { cancelClaim, claimWrite, fetchShifts } from '../../src/api/shifts.js';

const SERVER = 'https://samskab.kommune.dk';

/** Every request the fake server was sent. */
let requests: Request[] = [];

/** Answers every request with `answer`, and keeps the requests. */
function serve(answer: (request: Request) => Response | Promise<Response>) {
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request);
      // `credentials` does not survive `new Request` in Node: keep what the client asked for.
      (request as unknown as { asked: RequestInit | undefined }).asked = init;
      return answer(request);
    }),
  );
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

const activity = {
  id: 'besoegsven',
  title: 'Besøgsven',
  description: 'Kaffe og samtale.',
  coreIdea: 'Ingen skal føle sig alene.',
  createdAt: '2027-01-01T10:00:00+01:00',
};
const refusal = {
  errors: [{ path: 'token', code: 'error.cancel.deadline', message: 'Fristen er overskredet.' }],
};

/** What a call rejected with. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('it resolved'),
    (error: unknown) => error,
  );

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  it('asks in the widget’s language, for JSON, without cookies', async () => {
    serve(() => json([activity]));
    const controller = new AbortController();
    expect(await fetchActivities(SERVER, 'en', controller.signal)).toEqual([activity]);
    const [request] = requests;
    expect(request!.url).toBe(`${SERVER}/api/v1/activities`);
    expect(request!.headers.get('Accept-Language')).toBe('en');
    expect(request!.headers.get('Accept')).toBe('application/json');
    const asked = (request as unknown as { asked: RequestInit }).asked;
    expect(asked.credentials).toBe('omit');
    expect(asked.signal).toBe(controller.signal);
  });

  it('sends Accept-Language with every call a widget makes', async () => {
    serve((request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/shifts')) return json([]);
      if (url.pathname.endsWith('/reflection-questions'))
        return json({ activityId: 'besoegsven', version: 0, questions: [] });
      if (url.pathname.endsWith('.ics')) return new Response('BEGIN:VCALENDAR');
      if (request.method === 'POST' && url.pathname.endsWith('/cancel'))
        return new Response(null, { status: 204 });
      return json({ id: 'x', createdAt: '2027-01-01T10:00:00+01:00' }, 201);
    });
    const from = new Date('2027-01-04T00:00:00+01:00');
    const to = new Date('2027-01-11T00:00:00+01:00');
    await fetchShifts(SERVER, 'da', { from, to, activity: 'besoegsven' });
    await fetchQuestions(SERVER, 'besoegsven', 'da', undefined);
    await cancelClaim(SERVER, 'a'.repeat(43), 'da');
    expect(await fetchIcs(`${SERVER}/feed.ics`, 'da')).toBe('BEGIN:VCALENDAR');
    await postIdempotent({ ...signupWrite(SERVER, {} as never), id: 'k'.repeat(16), locale: 'da' });

    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${SERVER}/api/v1/shifts?from=2027-01-03T23%3A00%3A00.000Z&to=2027-01-10T23%3A00%3A00.000Z&activity=besoegsven`,
      `GET ${SERVER}/api/v1/activities/besoegsven/reflection-questions`,
      `POST ${SERVER}/api/v1/claims/${'a'.repeat(43)}/cancel`,
      `GET ${SERVER}/feed.ics`,
      `POST ${SERVER}/api/v1/signups`,
    ]);
    expect(requests.map((r) => r.headers.get('Accept-Language'))).toEqual(Array(5).fill('da'));
    expect(requests[3]!.headers.get('Accept')).toBe('text/calendar');
    expect(requests[4]!.headers.get('Idempotency-Key')).toBe('k'.repeat(16));
  });

  it('makes each write’s URL and JSON body from its typed input', () => {
    expect(claimWrite(SERVER, 'vagt-1', { waitlist: true } as never)).toEqual({
      url: `${SERVER}/api/v1/shifts/vagt-1/claims`,
      body: '{"waitlist":true}',
    });
    expect(reflectionWrite(SERVER, { activityId: 'a' } as never).url).toBe(
      `${SERVER}/api/v1/reflections`,
    );
  });

  it('reads a refusal’s body with the shared error schema', async () => {
    serve(() => json(refusal, 409));
    const error = await failure(cancelClaim(SERVER, 'a'.repeat(43), 'da'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, errors: refusal.errors });
    expect((error as ApiError).message).toBe('Fristen er overskredet.');
  });

  it('counts a claim already cancelled (404) as cancelled', async () => {
    serve(() => json({ errors: [{ path: 'token', code: 'error.notFound', message: '' }] }, 404));
    await expect(cancelClaim(SERVER, 'a'.repeat(43), 'da')).resolves.toBeUndefined();
  });

  it('tells an unknown activity (404) from other failures when loading questions', async () => {
    serve(() =>
      json({ errors: [{ path: 'id', code: 'error.activity.unknown', message: 'Ukendt.' }] }, 404),
    );
    expect(await failure(fetchQuestions(SERVER, 'besogsven', 'da'))).toMatchObject({
      status: 404,
      errors: [{ code: 'error.activity.unknown' }],
    });
  });

  for (const [what, body, contentType] of [
    ['an HTML error page', '<h1>502 Bad Gateway</h1>', 'text/html'],
    ['JSON of another shape', '{"error":"nope"}', 'application/json'],
    ['no body at all', '', 'application/json'],
  ] as const) {
    it(`turns ${what} into a general error, never a crash`, async () => {
      serve(
        () => new Response(body || null, { status: 502, headers: { 'Content-Type': contentType } }),
      );
      const error = await failure(fetchActivities(SERVER, 'da'));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 502, errors: [] });
      expect((error as ApiError).message).toMatchInlineSnapshot(
        `"Samskab: HTTP 502, no usable answer"`,
      );
    });
  }

  it('refuses a success whose body is not the contract’s shape', async () => {
    serve(() => json([{ id: 'besoegsven' }]));
    expect(await failure(fetchActivities(SERVER, 'da'))).toMatchObject({ status: 200, errors: [] });
    serve(() => json('not json at all {'));
    expect(
      await failure(fetchShifts(SERVER, 'da', { from: new Date(0), to: new Date(1) })),
    ).toBeInstanceOf(ApiError);
  });

  it('lets a request that got no answer reject as fetch does, so a widget can say it is offline', async () => {
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failure(cancelClaim(SERVER, 'a'.repeat(43), 'da'));
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ApiError);
  });

  it('sorts a write’s outcome: stored, refused with the server’s reasons, or to be retried', async () => {
    const send = () =>
      postIdempotent({
        ...reflectionWrite(SERVER, { activityId: 'besoegsven' } as never),
        id: 'k'.repeat(16),
        locale: 'en',
      });
    serve(() => json({ id: 'r1', createdAt: '2027-01-01T10:00:00+01:00' }, 201));
    expect(await send()).toEqual({
      kind: 'ok',
      value: { id: 'r1', createdAt: '2027-01-01T10:00:00+01:00' },
    });
    serve(() => json(refusal, 400));
    expect(await send()).toEqual({ kind: 'rejected', status: 400, errors: refusal.errors });
    serve(() => new Response('<h1>Forbidden</h1>', { status: 403 }));
    expect(await send()).toEqual({ kind: 'rejected', status: 403, errors: [] });
    serve(() => json({}, 429, { 'Retry-After': '30' }));
    expect(await send()).toEqual({ kind: 'retry', status: 429, retryAfterMs: 30_000 });
    serve(() => new Response('oops', { status: 503 }));
    expect(await send()).toEqual({ kind: 'retry', status: 503 });
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await send()).toEqual({ kind: 'retry' });
    expect(requests[0]!.headers.get('Accept-Language')).toBe('en');
  });
});
