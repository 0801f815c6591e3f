/**
 * The workplace's lists in the sidebar. Taking a sign-up or a reflection into
 * the notes happens here, in the UI, through the notes' own store: the link
 * client never sees a note, and nothing of one is sent.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type {
  SidepanelFollowUp,
  SidepanelShift,
  SidepanelSignup,
} from '../../../src/schemas/sidepanel.js';
import { formatDateTime, formatRange } from '../../../src/time/copenhagen.js';
import { useSaving } from '../components/useSaving.js';
import { usePanel, useT } from '../context.js';
import { dayOf, useLink } from './LinkSection.js';

/** The tag that links a volunteer in the notes to the sign-up they came from. */
export const signupTag = (id: string) => `tilmelding:${id}`;
/** The reference a follow-up made from a reflection carries in its text. */
export const reflectionRef = (id: string) => `ref. ${id}`;

const day = 86_400_000;

const inboxMarked = new Set<string>();
/** Sign-ups shown at a time: the newest first, more on request (a busy week may bring hundreds). */
const INBOX_PAGE = 50;

/** Props for {@link Inbox}. */
export type InboxProps = Record<string, never>;

/** New sign-ups: take one into the notes, or mark it contacted. */
export function Inbox(_: InboxProps) {
  const t = useT();
  const { store } = usePanel();
  const link = useLink();
  const inbox = link.data.value?.snapshot.inbox ?? [];
  const volunteers = store.records.volunteers.value;
  const snapshot = link.data.value;
  const source = link.source.value;
  useEffect(() => {
    // The bench's "Indbakke rendered": once from the cache, once from the server.
    if (source && !inboxMarked.has(source) && (snapshot?.snapshot.inbox.length ?? 0) > 0) {
      inboxMarked.add(source);
      performance.mark('samskab:inbox', { detail: source });
    }
  }, [snapshot, source]);
  const byTag = useMemo(() => {
    const map = new Map<string, string>();
    for (const v of volunteers.values())
      for (const tag of v.tags) if (tag.startsWith('tilmelding:')) map.set(tag, v.id);
    return map;
  }, [volunteers]);
  const [shown, setShown] = useState(INBOX_PAGE);
  const list = useRef<HTMLUListElement>(null);
  const showMore = () => {
    const first = shown;
    setShown(shown + INBOX_PAGE);
    // The keyboard goes on to the first sign-up it had not seen.
    requestAnimationFrame(() => list.current?.querySelectorAll('h4')[first]?.focus());
  };
  return (
    <>
      <h3>{t('link.inbox')}</h3>
      {inbox.length === 0 ? (
        <p>{t('link.inboxEmpty')}</p>
      ) : (
        <>
          <ul class="list plain" ref={list}>
            {inbox.slice(0, shown).map((s) => (
              <SignupItem key={s.id} signup={s} volunteerId={byTag.get(signupTag(s.id)) ?? null} />
            ))}
          </ul>
          {inbox.length > shown && (
            <button type="button" onClick={showMore}>
              {t('link.inboxMore', {
                count: Math.min(INBOX_PAGE, inbox.length - shown),
                left: inbox.length - shown,
              })}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** Props for {@link SignupItem}. */
export interface SignupItemProps {
  signup: SidepanelSignup;
  /** The volunteer in the notes made from this sign-up, if any. */
  volunteerId: string | null;
}

/** One sign-up with its two actions. */
export function SignupItem({ signup: s, volunteerId }: SignupItemProps) {
  const t = useT();
  const { store, locale } = usePanel();
  const link = useLink();
  const taking = useSaving();
  const marking = useSaving();
  const heading = useRef<HTMLHeadingElement>(null);
  const contact = [s.phone, s.email].filter(Boolean).join(', ');
  const takeIn = () =>
    taking.run(async () => {
      const tag = signupTag(s.id);
      const role = s.activityTitle.trim().slice(0, 60);
      const saved = await store.records.saveVolunteer({
        name: s.name.trim().slice(0, 120) || s.id,
        contact: contact.slice(0, 200),
        roles: role ? [role] : [],
        // Ids longer than a tag may be (UUIDs are 36 characters) are left unlinked.
        tags: tag.length <= 60 ? [tag] : [],
        status: 'active',
      });
      store.ui.announce(t('link.takenIn', { name: saved.name }));
    });
  const markContacted = () =>
    marking.run(async () => {
      if (await link.setStatus(s.id, 'kontaktet')) {
        store.ui.announce(t('link.markedContacted', { name: s.name }));
        // The button is gone with the status: keep the keyboard on this sign-up.
        heading.current?.focus();
      }
    });
  return (
    <li class="link-item">
      <h4 ref={heading} tabIndex={-1}>
        {s.name}
      </h4>
      <p>{t('link.signupActivity', { title: s.activityTitle })}</p>
      {s.help && <p>{t('link.signupHelp', { help: s.help })}</p>}
      <p>{t('link.signupAge', { age: t(`link.age.${s.ageBand}`) })}</p>
      {contact && <p>{t('link.signupContact', { contact })}</p>}
      <p>
        {t('link.signupStatus', { status: t(`link.status.${s.status}`) })}
        <span class="muted">
          {' · '}
          {t('link.signupReceived', { date: formatDateTime(new Date(s.createdAt), locale) })}
        </span>
      </p>
      <div class="row">
        {volunteerId ? (
          <>
            <span class="muted">{t('link.inNotes')}</span>
            <button type="button" onClick={() => store.ui.show('volunteers', volunteerId)}>
              {t('link.openInNotes', { name: s.name })}
            </button>
          </>
        ) : (
          <button type="button" onClick={takeIn} aria-disabled={taking.saving ? 'true' : undefined}>
            {t('link.takeIn', { name: s.name })}
          </button>
        )}
        {s.status === 'ny' && (
          <button
            type="button"
            onClick={markContacted}
            aria-disabled={marking.saving ? 'true' : undefined}
          >
            {t('link.markContacted', { name: s.name })}
          </button>
        )}
      </div>
    </li>
  );
}

/** Props for {@link Today}. */
export type TodayProps = Record<string, never>;

/** Today's and tomorrow's shifts: who is coming and who waits. */
export function Today(_: TodayProps) {
  const t = useT();
  const { store } = usePanel();
  const link = useLink();
  const shifts = link.data.value?.snapshot.today ?? [];
  const now = store.records.clock.value;
  const today = dayOf(now);
  const tomorrow = dayOf(new Date(now.getTime() + day));
  const groups = [
    { key: 'today' as const, list: shifts.filter((s) => dayOf(new Date(s.start)) === today) },
    {
      key: 'tomorrow' as const,
      list: shifts.filter((s) => dayOf(new Date(s.start)) === tomorrow),
    },
  ];
  return (
    <>
      <h3>{t('link.today')}</h3>
      {shifts.length === 0 && <p>{t('link.todayEmpty')}</p>}
      {shifts.length > 0 &&
        groups.map(
          (g) =>
            g.list.length > 0 && (
              <section key={g.key} aria-labelledby={`shifts-${g.key}`}>
                <h4 id={`shifts-${g.key}`}>{t(`link.day.${g.key}`)}</h4>
                <ul class="list plain">
                  {g.list.map((s) => (
                    <ShiftItem key={s.id} shift={s} />
                  ))}
                </ul>
              </section>
            ),
        )}
    </>
  );
}

/** One shift with its list of who comes and who waits. */
export function ShiftItem({ shift: s }: { shift: SidepanelShift }) {
  const t = useT();
  const { locale } = usePanel();
  return (
    <li class="link-item">
      <h5>{s.title ? `${s.activityTitle}: ${s.title}` : s.activityTitle}</h5>
      <p>{formatRange(new Date(s.start), new Date(s.end), locale)}</p>
      {s.location && <p>{s.location}</p>}
      <p>{t('link.shiftPlaces', { coming: s.coming.length, capacity: s.capacity })}</p>
      <p>
        <strong>{t('link.coming')}</strong>
      </p>
      {s.coming.length === 0 ? (
        <p class="muted">{t('link.nobodyComing')}</p>
      ) : (
        <ul>
          {s.coming.map((p, i) => (
            <li key={`${i}-${p.name}`}>{p.phone ? `${p.name}, ${p.phone}` : p.name}</li>
          ))}
        </ul>
      )}
      {s.waiting.length > 0 && (
        <>
          <p>
            <strong>{t('link.waiting')}</strong>
          </p>
          <ol>
            {s.waiting.map((p, i) => (
              <li key={`${i}-${p.name}`}>{p.name}</li>
            ))}
          </ol>
        </>
      )}
    </li>
  );
}

/** Props for {@link FollowUpsFromSamskab}. */
export type FollowUpsFromSamskabProps = Record<string, never>;

/** Reflections whose writers asked to be contacted; each can become a follow-up in the notes. */
export function FollowUpsFromSamskab(_: FollowUpsFromSamskabProps) {
  const t = useT();
  const { store } = usePanel();
  const link = useLink();
  const list = link.data.value?.snapshot.followUps ?? [];
  const followUps = store.records.followUps.value;
  const made = useMemo(() => {
    const texts = [...followUps.values()].map((f) => f.text);
    return (id: string) => texts.some((x) => x.endsWith(reflectionRef(id)));
  }, [followUps]);
  return (
    <>
      <h3>{t('link.followUps')}</h3>
      {list.length === 0 ? (
        <p>{t('link.followUpsEmpty')}</p>
      ) : (
        <ul class="list plain">
          {list.map((f) => (
            <ReflectionItem key={f.id} item={f} made={made(f.id)} />
          ))}
        </ul>
      )}
    </>
  );
}

/** One reflection asking for contact. */
export function ReflectionItem({ item: f, made }: { item: SidepanelFollowUp; made: boolean }) {
  const t = useT();
  const { store, locale } = usePanel();
  const { saving, run } = useSaving();
  const create = () =>
    run(async () => {
      const base = t('link.followUpText', { contact: f.contact, activity: f.activityTitle });
      const ref = ` · ${reflectionRef(f.id)}`;
      await store.records.saveFollowUp({
        text: `${base.slice(0, 500 - ref.length)}${ref}`,
        // Due in a day: the reminder comes while the wish to talk is fresh.
        due: new Date(store.now().getTime() + day).toISOString(),
        done: false,
      });
      store.ui.announce(t('link.followUpMade'));
    });
  return (
    <li class="link-item">
      <h4>{f.activityTitle}</h4>
      <p>{t('link.followUpContact', { contact: f.contact })}</p>
      {f.note && <p class="note-text">{t('link.followUpNote', { note: f.note })}</p>}
      <p class="muted">{formatDateTime(new Date(f.createdAt), locale)}</p>
      {made ? (
        <p class="muted">{t('link.followUpExists')}</p>
      ) : (
        <button type="button" onClick={create} aria-disabled={saving ? 'true' : undefined}>
          {t('link.makeFollowUp', { contact: f.contact })}
        </button>
      )}
    </li>
  );
}

/** Props for {@link Pulse}. */
export type PulseProps = Record<string, never>;

/** A line per activity where energy falls or "for meget" rises. */
export function Pulse(_: PulseProps) {
  const t = useT();
  const { locale } = usePanel();
  const link = useLink();
  const lines = link.data.value?.snapshot.pulse ?? [];
  const number = new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
    style: 'percent',
  });
  return (
    <>
      <h3>{t('link.pulse')}</h3>
      {lines.length === 0 ? (
        <p>{t('link.pulseEmpty')}</p>
      ) : (
        <ul class="list plain">
          {lines.map((l) => (
            <li key={`${l.activityId}-${l.kind}`}>
              <p>
                <strong>{l.activityTitle}</strong>: {t(`link.pulse.${l.kind}`)}
              </p>
              <p class="muted">
                {t('link.pulseWeeks', {
                  weeks: l.weeks
                    .map(
                      (w) =>
                        `${w.week} ${l.kind === 'energy-falling' ? number.format(w.value) : percent.format(w.value)}`,
                    )
                    .join(' → '),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
