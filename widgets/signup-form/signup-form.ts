import { define } from '../internal/define.js';
import { SamskabSignupForm } from './signup-form.component.js';

export { SamskabSignupForm };

define('samskab-signup-form', SamskabSignupForm);

declare global {
  interface HTMLElementTagNameMap {
    'samskab-signup-form': SamskabSignupForm;
  }
}
