import { define } from '../internal/define.js';
import { SamskabShiftCalendar } from './shift-calendar.component.js';

export { SamskabShiftCalendar };

define('samskab-shift-calendar', SamskabShiftCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'samskab-shift-calendar': SamskabShiftCalendar;
  }
}
