/** The reflection prompt's calls, on the API client. */
import type { Locale } from '../i18n/index.js';
import { QuestionSet } from '../schemas/question-set.js';
import type { ReflectionInput } from '../schemas/reflection.js';
import { get, write } from './client.js';

/** An activity's current reflection questions; an activity the server lacks is an `ApiError` 404. */
export const fetchQuestions = (
  endpoint: string,
  activityId: string,
  locale: Locale,
  signal?: AbortSignal,
) => get(endpoint, `activities/${activityId}/reflection-questions`, locale, QuestionSet, signal);

/** An anonymous reflection for `POST /reflections`; its answer is a `ReflectionReceipt`. */
export const reflectionWrite = (endpoint: string, input: ReflectionInput) =>
  write(endpoint, 'reflections', input);
