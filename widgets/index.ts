// The bundle entry (`samskab.js`): registers every widget. Safe to load twice.
import './internal/jitless.js';

export { SamskabErrorEvent } from './events/error.js';
export { SamskabSubmitEvent } from './events/submit.js';
export { SamskabReflectionPrompt } from './reflection-prompt/reflection-prompt.js';
export { SamskabShiftCalendar } from './shift-calendar/shift-calendar.js';
export { SamskabSignupForm } from './signup-form/signup-form.js';
