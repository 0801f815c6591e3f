/** <samskab-reflection-prompt>. */
export const reflectionDa = {
  'reflection.heading': 'Hvordan gik det i dag?',
  'reflection.intro':
    'Det tager under et minut. Du er anonym, medmindre du selv giver dine kontaktoplysninger.',
  'reflection.submit': 'Send refleksion',
  'reflection.sent': 'Tak! Din refleksion er sendt.',
  'reflection.queued': 'Din refleksion er gemt og bliver sendt, når forbindelsen er tilbage.',
} as const;
