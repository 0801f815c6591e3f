import type { ReflectionServerKey } from './reflection-da.js';

/** English for `reflection-da.ts`. */
export const reflectionServerEn: Record<ReflectionServerKey, string> = {
  'error.question.text': 'Write the question’s text (da is required, en is optional).',
  'error.question.textTooLong': 'The text is too long (at most 200 characters).',
  'error.question.id':
    'A question id must be 1–32 characters: lower-case letters, digits and hyphens, starting with a letter.',
  'error.question.kind': 'Unknown question kind. Use "scale", "agree", "load" or "text".',
  'error.question.theme':
    'Unknown theme. Use "energy", "meaning", "ownership", "belonging" or "other".',
  'error.question.agreeTheme':
    'A yes/partly/no question can measure "meaning", "ownership", "belonging" or "other"; energy needs a scale ("scale").',
  'error.questions.count': 'A question set must have between 1 and 8 questions.',
  'error.question.idReserved':
    'This id cannot be used because JavaScript already uses the name (such as "constructor"). Choose another.',
  'error.question.idTaken': 'This id is already used by another question in the set.',
  'error.question.oneText': 'A question set can have at most one text question.',
  'error.question.themeTaken':
    'Another question already measures this theme; each theme except "other" may be used once.',
  'error.questionSet.version': 'The question set does not exist in that version for this activity.',
  'error.reflection.note.tooLong': 'The text is too long (at most 2000 characters).',
  'error.reflection.answer': 'The answer does not fit the question.',
  'error.reflection.invitation':
    'The invitation has already been used, has expired or belongs to another activity. Ask your coordinator for a new link.',
  'error.reflection.invitation.required':
    'This activity takes reflections only through the link in your invitation. Use the link from your e-mail after the shift.',
  'error.reflection.settings': 'openReflections must be true or false.',
  'error.reflection.url':
    'The reflection page must be an http or https address of at most 500 characters, without #.',
  'error.pulse.weeks': 'weeks must be a whole number from 1 to 52.',
  'leader.title': 'Volunteers’ pulse',
  'leader.titleFor': 'Pulse: {activity}',
  'leader.intro':
    'Weekly figures from the volunteers’ anonymous reflections. A week with fewer than {min} answers shows no figures ("too few answers"), so no single volunteer can be recognised.',
  'leader.intro.finished':
    'Figures appear only once a week (Monday–Sunday) has ended. The running week shows only how many have answered: otherwise one could read the pulse before and after one answer and work out what that volunteer said.',
  'leader.running': '{week} (running week)',
  'leader.running.pending': 'figures and remarks appear when the week has ended',
  'leader.choose': 'Choose an activity',
  'leader.noActivities': 'There are no activities yet.',
  'leader.unknownActivity': 'The activity does not exist.',
  'leader.weeks': 'Show the last',
  'leader.weeksUnit': '{weeks} weeks',
  'leader.show': 'Show',
  'leader.back': 'All activities',
  'leader.chart.energy': 'Mean energy (1–5)',
  'leader.chart.tooMuch': 'Share with too much to do',
  'leader.chart.meaningful': 'Share who found it meaningful',
  'leader.chart.desc':
    'Bar chart, one bar per week. Weeks with too few answers have no bar. Every figure is in the table.',
  'leader.tooFew': 'too few answers',
  'leader.noAnswer': 'no answer',
  'leader.table.caption': 'The pulse week by week',
  'leader.table.week': 'Week',
  'leader.table.answers': 'Answers',
  'leader.trend.heading': 'Change against the {weeks} weeks before',
  'leader.trend.period': 'Last {weeks} weeks',
  'leader.trend.previous': 'The {weeks} weeks before',
  'leader.trend.change': 'Change',
  'leader.trend.none': 'cannot be compared',
  'leader.trend.points': '{value} percentage points',
  'leader.trend.measure': 'Measure',
  'leader.followUps': 'Asked to be contacted',
  'leader.followUps.none': 'Nobody asked to be contacted in the period.',
  'leader.followUps.lead':
    'Shown at once, the running week included: these volunteers asked to be contacted and chose to be known.',
  'leader.followUps.contact': 'Contact',
  'leader.followUps.received': 'Received',
  'leader.followUps.shift': 'Shift',
  'leader.table.open': 'Open answers',
  'leader.open.allowed':
    'The activity also takes open reflections (without an invitation). They appear only as a count under "Open answers" and never enter the figures, so nobody can push a week over the limit of {min} answers.',
  'leader.open.closed':
    'Only reflections with an invitation from a shift count. The activity takes no open reflections.',
  'leader.followUps.kind': 'Reflection',
  'leader.followUps.open': 'Open (without an invitation), not in the figures',
  'leader.notes': 'Anonymous remarks',
  'leader.notes.none': 'No remarks in weeks with enough answers.',
};
