/**
 * The demo's reflections (`SAMSKAB_DEMO=1`): question sets and weeks of
 * answers for the demo activities, so a demo's pulse is worth reading.
 */

import { randomUUID } from 'node:crypto';
import type { LocalText, Question } from '../../schemas/question-set.js';
import type { Answer } from '../../schemas/reflection.js';
import { addDays, mondayOf } from '../../time/calendar.js';
import { fromCopenhagen, toCopenhagen } from '../../time/copenhagen.js';
import type { NewReflection, ReflectionStore, SeededSet } from './store.js';

/** A text in Danish and English. */
const t = (da: string, en: string): LocalText => ({ da, en });

/** What a coordinator of each demo activity would ask after a shift. */
interface DemoWording {
  meaning: LocalText;
  energy: [question: LocalText, low: LocalText, high: LocalText];
  load: LocalText;
  influence: LocalText;
  heard: LocalText;
  note: LocalText;
}

/**
 * One set per activity in the shape of Samskab's default (meaning, energy,
 * load, two agree questions, a free text), in the activity's own words; the
 * agree questions ask about a say in the work and about being heard.
 */
function demoQuestions(w: DemoWording): Question[] {
  const [energy, low, high] = w.energy;
  return [
    { id: 'meaning', kind: 'agree', theme: 'meaning', text: w.meaning },
    { id: 'energy', kind: 'scale', theme: 'energy', text: energy, low, high },
    { id: 'load', kind: 'load', text: w.load },
    { id: 'influence', kind: 'agree', theme: 'ownership', text: w.influence },
    { id: 'heard', kind: 'agree', theme: 'other', text: w.heard },
    { id: 'note', kind: 'text', text: w.note },
  ];
}

/** The demo activities' question sets, by activity id. */
export const DEMO_QUESTIONS: Readonly<Record<string, Question[]>> = {
  besoegsven: demoQuestions({
    meaning: t('Gav besøget mening for dig?', 'Did the visit feel meaningful to you?'),
    energy: [
      t('Hvordan var din energi efter besøget?', 'How was your energy after the visit?'),
      t('helt flad', 'drained'),
      t('fuld af energi', 'full of energy'),
    ],
    load: t(
      'Hvordan passede besøgene til den tid, du har?',
      'How did the visits fit the time you have?',
    ),
    influence: t(
      'Kunne du selv bestemme, hvad I lavede sammen?',
      'Could you decide what the two of you did together?',
    ),
    heard: t(
      'Bliver du hørt, når du fortæller personalet om beboeren?',
      'Do the staff listen when you tell them about the resident?',
    ),
    note: t(
      'Er der noget, din koordinator bør vide?',
      'Is there anything your coordinator should know?',
    ),
  }),
  lektiecafe: demoQuestions({
    meaning: t(
      'Følte du, at du gjorde en forskel for børnene i dag?',
      'Did you feel you made a difference for the children today?',
    ),
    energy: [
      t('Hvor meget energi har du efter caféen?', 'How much energy do you have after the café?'),
      t('ingen', 'none'),
      t('masser', 'plenty'),
    ],
    load: t(
      'Hvordan var antallet af børn pr. voksen?',
      'How was the number of children per adult?',
    ),
    influence: t(
      'Havde du frihed til at hjælpe på din egen måde?',
      'Were you free to help in your own way?',
    ),
    heard: t(
      'Blev dine idéer taget godt imod af biblioteket?',
      'Were your ideas welcomed by the library?',
    ),
    note: t('Hvad skal vi gøre anderledes næste gang?', 'What should we do differently next time?'),
  }),
  naturpleje: demoQuestions({
    meaning: t('Gav arbejdsdagen mening for dig?', 'Did the work day feel meaningful to you?'),
    energy: [
      t('Hvordan var din energi efter dagen i Ådalen?', 'How was your energy after the day?'),
      t('helt brugt', 'worn out'),
      t('frisk', 'fresh'),
    ],
    load: t('Hvordan var arbejdet fysisk?', 'How was the work physically?'),
    influence: t(
      'Var du med til at bestemme dagens opgaver?',
      'Did you have a say in the day’s tasks?',
    ),
    heard: t(
      'Blev der lyttet til dig, da I planlagde dagen?',
      'Were you listened to when the day was planned?',
    ),
    note: t(
      'Har du en idé eller en bekymring, du vil dele?',
      'Do you have an idea or a worry to share?',
    ),
  }),
};

/**
 * A finished week of one activity, oldest first: how many answered, their
 * mean energy, and the shares saying "for meget" and "yes, meaningful".
 */
type WeekProfile = [answers: number, energy: number, tooMuch: number, meaningful: number];

/** When and what volunteers of one demo activity answer. */
interface DemoHistory {
  /** Weekdays (0 = Monday) and the hours after the shift when answers come in. */
  days: number[];
  hours: [from: number, to: number];
  weeks: WeekProfile[];
  /** Anonymous notes, the older ones first, as the weeks go. */
  notes: string[];
  /** Volunteers who asked to be contacted, by weeks before the running one. */
  followUps: { weeksAgo: number; contact: string; note: string }[];
}

/**
 * Twelve finished weeks per activity, so the default eight have a period
 * before them to compare with. At the care home the load grows as the staff
 * run short; the homework café is overrun until new volunteers join five
 * weeks ago, with one week (a school holiday, say) too quiet to show; nature
 * care is steady. The running week is left empty, follow-ups are at least two
 * weeks old and the sets keep the default's order (the care home's its note
 * wording too): the real-browser tests on a demo server answer by keyboard and
 * read the running week and last week's follow-ups as their own.
 */
const DEMO_HISTORY: Readonly<Record<string, DemoHistory>> = {
  besoegsven: {
    days: [1, 3],
    hours: [16, 20],
    weeks: [
      [6, 4.3, 0, 0.85],
      [5, 4.4, 0, 1],
      [7, 4.1, 0.14, 0.86],
      [6, 4.2, 0, 0.83],
      [5, 4, 0.2, 0.8],
      [8, 4, 0.13, 0.88],
      [7, 3.9, 0.14, 0.86],
      [6, 3.8, 0.17, 0.83],
      [9, 3.7, 0.22, 0.89],
      [7, 3.6, 0.29, 0.86],
      [6, 3.5, 0.33, 0.83],
      [8, 3.4, 0.38, 0.75],
    ],
    notes: [
      'Hr. Jensen fortalte om sin tid som skibsmekaniker. Han lyste helt op.',
      'Vi gik en tur i haven, selvom det blæste. Det var hyggeligt.',
      'Dejligt, at personalet havde sat kaffe frem til os.',
      'Fru Larsen vil gerne have mere højtlæsning. Hun glæder sig hele ugen.',
      'Vi spillede kort i fællesstuen, og flere beboere kom til.',
      'Personalet har meget travlt for tiden, så jeg står ofte alene med beboerne.',
      'Jeg blev bedt om at hjælpe med aftensmaden. Det er ikke det, jeg har meldt mig til.',
      'Det er svært at nå rundt til alle på to timer.',
      'Min beboer var ked af det i dag, og jeg vidste ikke, hvem jeg skulle sige det til.',
    ],
    followUps: [
      {
        weeksAgo: 5,
        contact: 'jonas.k@eksempel.invalid',
        note: 'Jeg vil gerne tage en ekstra dag om ugen, hvis jeg kan få en fast kontaktperson.',
      },
      {
        weeksAgo: 2,
        contact: 'birgitte.holm@eksempel.invalid',
        note: 'Fru Madsen virker mere forvirret end før. Kan vi tale om, hvordan jeg skal tackle det?',
      },
    ],
  },
  lektiecafe: {
    days: [0, 2],
    hours: [17, 21],
    weeks: [
      [4, 3, 0.5, 0.75],
      [5, 3.2, 0.6, 0.8],
      [4, 2.9, 0.5, 0.75],
      [6, 3, 0.5, 0.67],
      [5, 3.2, 0.4, 0.8],
      [4, 3, 0.5, 0.75],
      [2, 3, 0.5, 0.5],
      [5, 3.6, 0.2, 0.8],
      [6, 3.8, 0.17, 0.83],
      [7, 3.9, 0.14, 0.86],
      [6, 4, 0.17, 1],
      [7, 4.1, 0, 0.86],
    ],
    notes: [
      'Vi var tre voksne til fjorten børn. Det var for mange.',
      'Flere af de store elever manglede hjælp til matematik, og det er ikke min stærke side.',
      'En pige fik endelig styr på brøker. Det var dagens højdepunkt.',
      'Der var meget larm i dag. Kan vi låne det lille lokale ved siden af?',
      'Godt med de nye frivillige – nu når vi rundt til alle.',
      'Vi prøvede at dele børnene op efter klassetrin. Det virkede.',
      'Børnene var meget roligere, efter de havde fået frugt.',
      'Jeg hjalp en dreng med en stil om hans farmor. Han var stolt bagefter.',
    ],
    followUps: [
      {
        weeksAgo: 3,
        contact: 'amir.h@eksempel.invalid',
        note: 'Jeg vil gerne stå for en fast matematikgruppe for de store. Hvem skal jeg tale med?',
      },
    ],
  },
  naturpleje: {
    days: [5, 6],
    hours: [14, 20],
    weeks: [
      [3, 4.3, 0, 1],
      [4, 4, 0.25, 1],
      [5, 4.2, 0, 1],
      [3, 3.7, 0.33, 1],
      [4, 4.3, 0, 1],
      [6, 4.5, 0, 0.83],
      [3, 4, 0, 1],
      [4, 4.3, 0.25, 1],
      [5, 3.8, 0.4, 0.8],
      [3, 4.3, 0, 1],
      [4, 4.5, 0, 1],
      [5, 4.4, 0, 1],
    ],
    notes: [
      'Vi fik ryddet hele skrænten for kæmpebjørneklo. Hårdt, men godt.',
      'Frokosten var fantastisk. Tak til køkkenet!',
      'Der manglede handsker i små størrelser.',
      'Dejligt at se isfuglen ved åen igen.',
      'Leerne var sløve, så høslættet tog dobbelt så lang tid.',
      'Jeg tog mit barnebarn med, og hun byggede sit første insekthotel.',
    ],
    followUps: [],
  },
};

/** The parts of the reflections store the demo seed uses. */
type DemoReflectionStore = Pick<ReflectionStore, 'activityTitle' | 'seedDemo'>;

/** A small deterministic generator (mulberry32), so every demo start tells the same story. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `n` energies (1–5) with the mean nearest `mean`, spread a little as real
 * answers are.
 */
function energies(n: number, mean: number, next: () => number): number[] {
  const total = Math.round(mean * n);
  const values = Array.from(
    { length: n },
    (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0),
  );
  for (let k = 0; k < Math.floor(n / 3); k++) {
    const i = Math.floor(next() * n);
    const j = Math.floor(next() * n);
    if (i !== j && values[i]! < 5 && values[j]! > 1) {
      values[i]!++;
      values[j]!--;
    }
  }
  return values;
}

/**
 * Question sets and twelve finished weeks of reflections for the demo
 * activities, so a demo's `/leder/puls` shows a chart, a trend and
 * follow-ups. Only when every demo activity is here with no set and no
 * reflection: a restart, or a server whose coordinators have begun, gets
 * nothing twice. All of it is stored in one transaction (`seedDemo`), so a
 * demo start stores its whole history or none of it. Returns how many
 * reflections it stored.
 */
export async function seedDemoReflections(store: DemoReflectionStore, now: Date): Promise<number> {
  const ids = Object.keys(DEMO_HISTORY);
  for (const id of ids) if ((await store.activityTitle(id)) === undefined) return 0;

  const sets: SeededSet[] = [];
  const reflections: NewReflection[] = [];
  const monday = mondayOf({ ...toCopenhagen(now), hour: 0, minute: 0 });
  for (const [activityId, history] of Object.entries(DEMO_HISTORY)) {
    const next = random(activityId.length * 7919);
    const weeks = history.weeks.length;
    const setStart = fromCopenhagen(addDays(monday, -7 * (weeks + 1)))!;
    sets.push({ activityId, questions: DEMO_QUESTIONS[activityId]!, createdAt: setStart });
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const at = (weeksAgo: number) => {
      const [from, to] = history.hours;
      const minutes = Math.floor(next() * (to - from) * 60);
      return fromCopenhagen({
        ...addDays(monday, -7 * weeksAgo + pick(history.days)),
        hour: from + Math.floor(minutes / 60),
        minute: minutes % 60,
      })!;
    };
    const agree = (yes: number) => (next() < yes ? 'yes' : next() < 0.7 ? 'partly' : 'no');
    // Answers to the set above, which `seedDemo` stores as version 1.
    // Invited: they stand for the answers the demo's volunteers sent from their invitations.
    const record = (
      reflection: Omit<NewReflection, 'id' | 'activityId' | 'shiftId' | 'setVersion' | 'origin'>,
    ) => {
      reflections.push({
        id: randomUUID(),
        activityId,
        shiftId: undefined,
        setVersion: 1,
        origin: 'invited',
        ...reflection,
      });
    };

    // The notes spread over the weeks in their order, so each tells of its time.
    const notes = history.weeks.map((): string[] => []);
    history.notes.forEach((text, j) => {
      notes[Math.round((j * (weeks - 1)) / (history.notes.length - 1))]!.push(text);
    });
    history.weeks.forEach(([n, mean, tooMuch, meaningful], i) => {
      const weeksAgo = weeks - i;
      const energy = energies(n, mean, next);
      const heavy = Math.round(tooMuch * n);
      const meant = Math.round(meaningful * n);
      for (let k = 0; k < n; k++) {
        const load = k < heavy ? 'too-much' : next() < 0.1 ? 'too-little' : 'right';
        const answers: Record<string, Answer> = {
          meaning: k < meant ? 'yes' : next() < 0.7 ? 'partly' : 'no',
          energy: energy[k]!,
          load,
          influence: agree(0.7),
          heard: agree(load === 'too-much' ? 0.3 : 0.7),
        };
        const text = notes[i]![k] ?? '';
        record({
          answers,
          energy: energy[k]!,
          load,
          meaningful: answers.meaning === 'yes',
          note: text,
          noteQuestion: text ? 'note' : null,
          contact: null,
          createdAt: at(weeksAgo),
        });
      }
    });
    for (const { weeksAgo, contact, note: text } of history.followUps) {
      record({
        answers: { meaning: 'partly', energy: 2, load: 'too-much', influence: 'no', heard: 'no' },
        energy: 2,
        load: 'too-much',
        meaningful: false,
        note: text,
        noteQuestion: 'note',
        contact,
        createdAt: at(weeksAgo),
      });
    }
  }
  return store.seedDemo(sets, reflections);
}
