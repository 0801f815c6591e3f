const warned = new Set<string>();

/** Warns once per message, so a bad CMS attribute does not flood the console. */
export function warnOnce(message: string) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[samskab] ${message}`);
}
