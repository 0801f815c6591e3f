/**
 * Field errors every text field can give, in the widgets and from the server
 * alike (see `textCheck` in src/schemas/common.ts).
 */
export const commonDa = {
  'error.text.illFormed':
    'Teksten indeholder et ødelagt tegn (fx en halv emoji). Slet det, og skriv det igen.',
  'error.text.control':
    'Teksten indeholder et usynligt styretegn, som ikke kan gemmes. Skriv teksten igen i stedet for at kopiere den ind.',
  'error.text.oneLine': 'Skriv teksten på én linje, uden linjeskift og tabulatorer.',
  'error.text.bidi':
    'Teksten indeholder et usynligt tegn, der vender skriveretningen, så teksten kan se anderledes ud, end den er. Skriv teksten igen i stedet for at kopiere den ind.',
} as const;
