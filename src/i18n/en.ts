import type { MessageKey } from './da.js';
import { calendarEn } from './en/calendar.js';
import { commonEn } from './en/common.js';
import { reflectionEn } from './en/reflection.js';
import { signupEn } from './en/signup.js';

/** English: the second language, loaded on pages whose closest `[lang]` is `en`. */
export const en: Record<MessageKey, string> = {
  ...commonEn,
  ...signupEn,
  ...calendarEn,
  ...reflectionEn,
};
