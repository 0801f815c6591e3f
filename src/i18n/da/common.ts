/**
 * Field errors every text field can give, in the widgets and from the server
 * alike (see `textCheck` in src/schemas/common.ts). Short: every widget carries them.
 */
export const commonDa = {
  'error.text.illFormed':
    'Teksten har et ødelagt tegn (fx en halv emoji). Slet det, og skriv det igen.',
  'error.text.control':
    'Teksten har et usynligt styretegn. Skriv den igen i stedet for at sætte den ind.',
  'error.text.oneLine': 'Skriv teksten på én linje.',
  'error.text.bidi':
    'Teksten har et usynligt tegn, der vender skriveretningen. Skriv den igen i stedet for at sætte den ind.',
} as const;
