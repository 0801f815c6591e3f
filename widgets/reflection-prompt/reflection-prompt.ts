import { define } from '../internal/define.js';
import { SamskabReflectionPrompt } from './reflection-prompt.component.js';

export { SamskabReflectionPrompt };

define('samskab-reflection-prompt', SamskabReflectionPrompt);

declare global {
  interface HTMLElementTagNameMap {
    'samskab-reflection-prompt': SamskabReflectionPrompt;
  }
}
