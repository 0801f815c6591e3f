/**
 * The demo activities (`SAMSKAB_DEMO=1`), so a fresh server has something to
 * sign up for. Seeded into an empty table only: a server with real activities
 * is never mixed with examples.
 */
import type { ActivityRow } from './store.js';

/** Three activities with stable slugs, so demo pages and snippets can name them. */
export const DEMO_ACTIVITIES: readonly ActivityRow[] = [
  {
    id: 'besoegsven',
    title: 'Besøgsven på Plejecenter Solgården',
    description:
      'Kom på besøg hos en af vores beboere en eftermiddag om ugen. Drik en kop kaffe, gå en tur i haven, læs avisen højt eller spil et slag kort. Du får en fast kontaktperson blandt personalet og et introduktionsmøde, før du starter.',
    coreIdea:
      'Ingen skal føle sig alene. Vi giver tid og nærvær – og du bestemmer selv, hvordan jeres samvær skal være.',
  },
  {
    id: 'lektiecafe',
    title: 'Lektiecafé på Hovedbiblioteket',
    description:
      'Hjælp skolebørn fra 4. til 9. klasse med lektierne mandag og onsdag kl. 15–17. Du behøver ikke være lærer: tålmodighed og lyst til at lytte betyder mest. Biblioteket sørger for kaffe, frugt og materialer.',
    coreIdea:
      'Alle børn skal have en voksen, der tror på dem. Vi hjælper dem med at lære – vi løser ikke opgaverne for dem.',
  },
  {
    id: 'naturpleje',
    title: 'Naturpleje i Ådalen',
    description:
      'Vær med, når vi slår engen, bekæmper kæmpebjørneklo og bygger insekthoteller. Vi mødes den første lørdag i måneden kl. 10 ved P-pladsen på Ådalsvej. Kommunen sørger for redskaber, handsker og frokost.',
    coreIdea:
      'Naturen er fælles. Vi passer på den sammen, i det tempo og omfang der passer til hver enkelt.',
  },
];
