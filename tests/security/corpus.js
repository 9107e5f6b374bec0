// The hostile-text corpus of xss-corpus.json, expanded: every payload, then
// the very long strings built from their units. Shared by the Node and the
// browser security tests.
import { readFileSync } from 'node:fs';

const data = JSON.parse(readFileSync(new URL('./xss-corpus.json', import.meta.url), 'utf8'));

/** Every payload as a string (the long ones expanded). */
export const XSS = Object.freeze([...data.payloads, ...data.long.map(({ unit, times }) => unit.repeat(times))]);
/** First characters that make a spreadsheet run a cell as a formula. */
export const FORMULA_STARTS = Object.freeze([...data.formulaStarts]);
/** True when a spreadsheet would run this cell text as a formula. */
export const runsAsFormula = (text) => FORMULA_STARTS.some((c) => text.startsWith(c));
