/**
 * A date as staff type it into a form (`2019/5/1`, `令和元年5月1日`, `H30.4`, full-width digits),
 * read by the core's `parseDateInput` into the partial date the records keep. Text it cannot read
 * is passed on as typed, so that the schema refuses it in the field as before.
 */
import { parseDateInput } from '@musubi/core/words';

/** The partial date a typed date means (`R1.5.1` → `2019-05-01`), or the text trimmed when it means none. */
export function typedDate(text: string): string {
  const result = parseDateInput(text);
  return result.ok ? result.date : text.trim();
}
