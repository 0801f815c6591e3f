// Every widget at once, for tests and for sites that bundle Samskab with their
// own tools. Safe to load twice. `samskab.js` is not this but the loader
// (loader.ts), which fetches each widget's chunk only when its tag is on the page.
import './internal/jitless.js';

export { SamskabErrorEvent } from './events/error.js';
export { SamskabSubmitEvent } from './events/submit.js';
export { SamskabReflectionPrompt } from './reflection-prompt/reflection-prompt.js';
export { SamskabShiftCalendar } from './shift-calendar/shift-calendar.js';
export { SamskabSignupForm } from './signup-form/signup-form.js';
