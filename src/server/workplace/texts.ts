/**
 * The texts of the coordinators' workplace (`/leder`), Danish first. Pages
 * added by other features (the pulse, the rosters) keep their own texts and
 * use only the layout's from here.
 */
import type { Locale } from '../../i18n/index.js';

const da = {
  workplace: 'Samskab – arbejdsplads',
  skip: 'Spring til indhold',
  nav: 'Arbejdspladsen',
  overview: 'Oversigt',
  activities: 'Aktiviteter',
  shifts: 'Vagter',
  signups: 'Tilmeldinger',
  pulse: 'Puls',
  people: 'Personer',
  log: 'Log',
  insight: 'Indsigt og sletning',
  account: 'Min konto',
  signOut: 'Log ud',
  signedInAs: (name: string, role: string) => `Logget ind som ${name} (${role})`,
  role: { admin: 'administrator', coordinator: 'koordinator' } as Record<string, string>,

  signInTitle: 'Log ind',
  signInSso: 'Log ind med kommunens login',
  signInPasskey: 'Log ind med en adgangsnøgle (passkey)',
  signInByMail: 'Log ind med et link på mail',
  passkeysTitle: 'Adgangsnøgler (passkeys)',
  passkeysLink: 'Se og tilføj adgangsnøgler',
  sidebarTitle: 'Sidepanelet i browseren',
  sidebarLead:
    'Forbind Samskabs sidepanel, så du ser nye tilmeldinger, dagens vagter og ønsker om kontakt ved siden af dine egne noter. Dine noter bliver på din computer.',
  noDevices: 'Intet sidepanel er forbundet.',
  deviceLine: (name: string, added: string, used: string) =>
    `${name}, forbundet ${added}, sidst brugt ${used}`,
  unpair: 'Afbryd',
  pair: 'Forbind sidepanel',
  pairingCode: (minutes: number) =>
    `Skriv denne kode i sidepanelet under »Forbind til Samskab«. Den virker én gang og i ${minutes} minutter:`,
  pairingTooMany: 'Du har allerede tre koder, der venter. Brug en af dem, eller vent 10 minutter.',
  deviceRevoked: 'Sidepanelet er afbrudt. Det kan ikke længere hente noget.',
  signInLead:
    'Skriv din arbejdsmail. Har du en konto, sender vi et link, der logger dig ind. Det virker én gang og i 15 minutter.',
  emailLabel: 'Arbejdsmail',
  sendLink: 'Send mig et link',
  emailInvalid: 'Skriv en gyldig e-mailadresse, fx navn@kommune.dk.',
  linkSent:
    'Tjek din indbakke. Hvis adressen har en konto, har vi sendt et link. Det virker én gang og i 15 minutter.',
  linkLead: 'Tryk på knappen for at logge ind. Linket kan kun bruges én gang.',
  linkOpen: 'Log ind',
  linkGone:
    'Linket er brugt eller udløbet (det virker én gang og i 15 minutter). Bed om et nyt på siden Log ind.',
  throttled: 'For mange forsøg. Vent et øjeblik, og prøv igen.',
  crossSite:
    'Formularen blev sendt fra en anden side eller en udløbet side og er afvist. Prøv igen.',
  expired: 'Du er ikke logget ind, eller din session er udløbet. Log ind igen.',
  toSignIn: 'Til Log ind',
  signedOut: 'Du er logget ud.',

  invitationTitle: 'Velkommen til Samskab',
  invitationLead: (role: string) =>
    `Du er inviteret som ${role}. Skriv dit navn, som dine kolleger skal se det, og tag imod invitationen.`,
  nameLabel: 'Dit navn',
  nameInvalid: 'Skriv dit navn (1–120 tegn).',
  accept: 'Tag imod invitationen',
  invitationGone:
    'Invitationen er brugt eller udløbet (den gælder i 72 timer). Bed en administrator om en ny.',

  overviewTitle: 'Oversigt',
  weekShifts: 'Ugens vagter',
  noWeekShifts: 'Ingen vagter de næste 7 dage.',
  filled: (taken: number, capacity: number, waiting: number) =>
    waiting > 0
      ? `${taken} af ${capacity} pladser besat, ${waiting} på venteliste`
      : `${taken} af ${capacity} pladser besat`,
  newSignups: 'Nye tilmeldinger (7 dage)',
  noNewSignups: 'Ingen nye tilmeldinger.',
  followUps: 'Refleksioner, der beder om kontakt',
  noFollowUps: 'Ingen ubesvarede ønsker om kontakt.',
  overCap: 'Frivillige over deres egen grænse for timer',
  noOverCap: 'Ingen frivillige er over deres egen grænse denne uge.',
  overCapLine: (hours: number, cap: number) => `${hours} timer denne uge, grænse ${cap}`,
  failedMail: 'Mails, der ikke kunne leveres',
  noFailedMail: 'Alle mails er leveret.',
  noActivities: 'Du er ikke tilknyttet nogen aktiviteter endnu. Bed en administrator om det.',

  accountTitle: 'Min konto',
  sessionsTitle: 'Hvor du er logget ind',
  sessionLine: (created: string, seen: string) => `Logget ind ${created}, sidst brugt ${seen}`,
  thisSession: 'denne',
  signOutEverywhere: 'Log ud alle steder',
  tokensTitle: 'Personlige API-nøgler',
  tokensLead:
    'En nøgle giver et program adgang til API’et med dine rettigheder. Den vises kun én gang. Vælg "kun læse", når programmet ikke skal ændre noget.',
  noTokens: 'Du har ingen API-nøgler.',
  noTokensOf: 'Ingen API-nøgler.',
  tokenName: 'Navn på nøglen',
  tokenScope: 'Adgang',
  scopeRead: 'Kun læse',
  scopeWrite: 'Læse og ændre',
  tokenDays: 'Gyldig i dage (1–365)',
  createToken: 'Lav nøgle',
  tokenCreated: 'Din nye nøgle. Kopiér den nu; den vises ikke igen:',
  tokenLine: (name: string, scope: string, expires: string, used: string) =>
    `${name} (${scope}), udløber ${expires}, sidst brugt ${used}`,
  revoke: 'Tilbagekald',
  tokenInvalid: 'Giv nøglen et navn (1–80 tegn) og en gyldighed på 1–365 dage.',

  peopleTitle: 'Personer',
  inviteTitle: 'Invitér en kollega',
  inviteLead:
    'Invitationen sendes med mail og gælder i 72 timer. En koordinator ser kun de aktiviteter, du vælger.',
  roleLabel: 'Rolle',
  activitiesLabel: 'Aktiviteter (for koordinatorer)',
  invite: 'Send invitation',
  invited: (email: string) => `Invitationen er sendt til ${email}.`,
  pendingTitle: 'Invitationer, der venter',
  noPending: 'Ingen invitationer venter.',
  pendingLine: (email: string, role: string, expires: string) =>
    `${email} som ${role}, gælder til ${expires}`,
  withdraw: 'Træk tilbage',
  accountsTitle: 'Konti',
  revoked: 'adgang tilbagekaldt',
  save: 'Gem',
  saved: 'Gemt.',
  revokeAccess: 'Fjern adgang',
  revokeSelf: 'Du kan ikke fjerne din egen adgang eller rolle.',
  adminOnlyTitle: 'Kun for administratorer',
  adminOnly: 'Kun administratorer ser denne side.',

  logTitle: 'Log over adgang til persondata',
  logLead:
    'Hver visning, eksport, ændring og sletning af persondata, med hvem og hvornår. Loggen kan ikke ændres og slettes efter den fastsatte tid.',
  search: 'Søg',
  from: 'Fra dato',
  to: 'Til dato',
  exportCsv: 'Hent som CSV',
  noLog: 'Ingen linjer.',
  logHead: ['Tidspunkt', 'Hvem', 'Handling', 'Hvad', 'Post', 'Aktivitet', 'Detaljer'],
  action: {
    view: 'så',
    export: 'eksporterede',
    change: 'ændrede',
    erase: 'slettede',
    'sign-in': 'loggede ind',
    access: 'adgang',
  } as Record<string, string>,
};

type Texts = typeof da;

const en: Texts = {
  workplace: 'Samskab – workplace',
  skip: 'Skip to content',
  nav: 'The workplace',
  overview: 'Overview',
  activities: 'Activities',
  shifts: 'Shifts',
  signups: 'Sign-ups',
  pulse: 'Pulse',
  people: 'People',
  log: 'Log',
  insight: 'Access and erasure',
  account: 'My account',
  signOut: 'Sign out',
  signedInAs: (name, role) => `Signed in as ${name} (${role})`,
  role: { admin: 'administrator', coordinator: 'coordinator' },

  signInTitle: 'Sign in',
  signInSso: 'Sign in with the municipality’s login',
  signInPasskey: 'Sign in with a passkey',
  signInByMail: 'Sign in with a link by mail',
  passkeysTitle: 'Passkeys',
  passkeysLink: 'See and add passkeys',
  sidebarTitle: 'The sidebar in your browser',
  sidebarLead:
    'Connect Samskab’s sidebar to see new sign-ups, today’s shifts and requests for contact beside your own notes. Your notes stay on your computer.',
  noDevices: 'No sidebar is connected.',
  deviceLine: (name, added, used) => `${name}, connected ${added}, last used ${used}`,
  unpair: 'Disconnect',
  pair: 'Connect sidebar',
  pairingCode: (minutes) =>
    `Type this code in the sidebar under “Connect to Samskab”. It works once and for ${minutes} minutes:`,
  pairingTooMany: 'You already have three codes waiting. Use one of them, or wait 10 minutes.',
  deviceRevoked: 'The sidebar is disconnected. It can no longer fetch anything.',
  signInLead:
    'Give your work e-mail. If you have an account, we send a link that signs you in. It works once and for 15 minutes.',
  emailLabel: 'Work e-mail',
  sendLink: 'Send me a link',
  emailInvalid: 'Give a valid e-mail address, such as name@kommune.dk.',
  linkSent:
    'Check your inbox. If the address has an account, we have sent a link. It works once and for 15 minutes.',
  linkLead: 'Press the button to sign in. The link works only once.',
  linkOpen: 'Sign in',
  linkGone:
    'The link is used or expired (it works once and for 15 minutes). Ask for a new one on the Sign in page.',
  throttled: 'Too many attempts. Wait a moment and try again.',
  crossSite: 'The form was sent from another site or an expired page and is refused. Try again.',
  expired: 'You are not signed in, or your session has expired. Sign in again.',
  toSignIn: 'To Sign in',
  signedOut: 'You are signed out.',

  invitationTitle: 'Welcome to Samskab',
  invitationLead: (role) =>
    `You are invited as ${role}. Give your name as your colleagues should see it, and accept the invitation.`,
  nameLabel: 'Your name',
  nameInvalid: 'Give your name (1–120 characters).',
  accept: 'Accept the invitation',
  invitationGone:
    'The invitation is used or expired (it is valid for 72 hours). Ask an administrator for a new one.',

  overviewTitle: 'Overview',
  weekShifts: 'This week’s shifts',
  noWeekShifts: 'No shifts in the next 7 days.',
  filled: (taken, capacity, waiting) =>
    waiting > 0
      ? `${taken} of ${capacity} places taken, ${waiting} waiting`
      : `${taken} of ${capacity} places taken`,
  newSignups: 'New sign-ups (7 days)',
  noNewSignups: 'No new sign-ups.',
  followUps: 'Reflections asking for contact',
  noFollowUps: 'No open requests for contact.',
  overCap: 'Volunteers over their own limit of hours',
  noOverCap: 'No volunteer is over their own limit this week.',
  overCapLine: (hours, cap) => `${hours} hours this week, limit ${cap}`,
  failedMail: 'Mail that could not be delivered',
  noFailedMail: 'All mail is delivered.',
  noActivities: 'You are not assigned to any activities yet. Ask an administrator.',

  accountTitle: 'My account',
  sessionsTitle: 'Where you are signed in',
  sessionLine: (created, seen) => `Signed in ${created}, last used ${seen}`,
  thisSession: 'this one',
  signOutEverywhere: 'Sign out everywhere',
  tokensTitle: 'Personal API tokens',
  tokensLead:
    'A token gives a program access to the API with your rights. It is shown only once. Choose "read only" when the program should change nothing.',
  noTokens: 'You have no API tokens.',
  noTokensOf: 'No API tokens.',
  tokenName: 'Name of the token',
  tokenScope: 'Access',
  scopeRead: 'Read only',
  scopeWrite: 'Read and change',
  tokenDays: 'Valid for days (1–365)',
  createToken: 'Make token',
  tokenCreated: 'Your new token. Copy it now; it is not shown again:',
  tokenLine: (name, scope, expires, used) =>
    `${name} (${scope}), expires ${expires}, last used ${used}`,
  revoke: 'Revoke',
  tokenInvalid: 'Give the token a name (1–80 characters) and a validity of 1–365 days.',

  peopleTitle: 'People',
  inviteTitle: 'Invite a colleague',
  inviteLead:
    'The invitation is sent by mail and is valid for 72 hours. A coordinator sees only the activities you choose.',
  roleLabel: 'Role',
  activitiesLabel: 'Activities (for coordinators)',
  invite: 'Send invitation',
  invited: (email) => `The invitation is sent to ${email}.`,
  pendingTitle: 'Invitations waiting',
  noPending: 'No invitations are waiting.',
  pendingLine: (email, role, expires) => `${email} as ${role}, valid until ${expires}`,
  withdraw: 'Withdraw',
  accountsTitle: 'Accounts',
  revoked: 'access revoked',
  save: 'Save',
  saved: 'Saved.',
  revokeAccess: 'Remove access',
  revokeSelf: 'You cannot remove your own access or role.',
  adminOnlyTitle: 'For administrators only',
  adminOnly: 'Only administrators see this page.',

  logTitle: 'Log of access to personal data',
  logLead:
    'Every view, export, change and erasure of personal data, with who and when. The log cannot be changed and is erased after the set time.',
  search: 'Search',
  from: 'From date',
  to: 'To date',
  exportCsv: 'Download as CSV',
  noLog: 'No lines.',
  logHead: ['Time', 'Who', 'Action', 'What', 'Record', 'Activity', 'Details'],
  action: {
    view: 'viewed',
    export: 'exported',
    change: 'changed',
    erase: 'erased',
    'sign-in': 'signed in',
    access: 'access',
  },
};

export function workplaceTexts(locale: Locale): Texts {
  return locale === 'en' ? en : da;
}
