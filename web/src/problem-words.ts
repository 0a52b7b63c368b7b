// What a failed start means to the customer, in their language: each problem `type` our API
// answers (lambda/start_chat/problems.py) and each network failure has its own sentence in
// strings.ts; a wait (Retry-After) is said in rounded words; the fields the API names are
// the form's inputs to mark.
import { isStringKey, type StringKey, type Translate } from "./strings.js";

const PROBLEM_TYPE = "urn:connect-chat-starter:problem:";

// The API's field names (errors[].field) and the form's input each stands for.
export type FormField = "name" | "topic";
const FIELDS: ReadonlyArray<[RegExp, FormField]> = [
  [/^ParticipantDetails\.DisplayName$/, "name"],
  [/^Attributes\.topic$/, "topic"],
];
export const FIELD_MESSAGES: Record<FormField, StringKey> = {
  name: "fieldName",
  topic: "fieldTopic",
};

export function formFields(apiFields: readonly string[]): FormField[] {
  const found = new Set<FormField>();
  for (const field of apiFields) {
    for (const [pattern, input] of FIELDS) if (pattern.test(field)) found.add(input);
  }
  return [...found];
}

// Retry-After as seconds: a number of seconds, or an HTTP date.
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - now) / 1000));
}

// "a few seconds", "about 30 seconds", "about 5 minutes", "about 2 hours": never "298 seconds".
export function waitWords(seconds: number, t: Translate): string {
  if (seconds <= 10) return t("aFewSeconds");
  if (seconds < 55) return t("aboutSeconds", { count: Math.round(seconds / 10) * 10 });
  if (seconds < 90) return t("aboutAMinute");
  const minutes = Math.round(seconds / 60);
  if (minutes < 55) return t("aboutMinutes", { count: minutes });
  const hours = Math.round(seconds / 3600);
  return hours <= 1 ? t("aboutAnHour") : t("aboutHours", { count: hours });
}

// The string of a problem type (its full URN or its last part), if strings.ts has one.
export function problemKey(type: string): StringKey | null {
  const reason = type.startsWith(PROBLEM_TYPE) ? type.slice(PROBLEM_TYPE.length) : type;
  const key = `problem:${reason}`;
  return isStringKey(key) ? key : null;
}

// The sentence a customer is shown for an answer of our API (or the gateway before it).
export function problemSentence(
  type: string,
  retryAfter: string | null,
  t: Translate,
  now = Date.now(),
): string {
  const key = problemKey(type);
  const sentence = key ? t(key) : t("notStarted");
  const wait = retryAfterSeconds(retryAfter, now);
  return wait === null ? sentence : `${sentence} ${t("tryAgainIn", { wait: waitWords(wait, t) })}`;
}
