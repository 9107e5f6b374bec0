/**
 * client.listCustomers(): every customer of GET /v1/customers, page after
 * page, following each page's `links.next` (its `uri` and the headers it
 * names, MS-ContinuationToken) until a page has none. One correlation id
 * for the whole walk; each page is its own request (own MS-RequestId,
 * retried by the client as any read).
 *
 * A page that breaks the protocol ends the walk with an McaError after the
 * customers read before it: `customers.pageLoop` (a continuation token seen
 * before: following it would never end) or `customers.malformedPage` (no
 * items list, a next link without a usable uri or token). The error carries
 * `read` (customers yielded) and `pages` (pages read), so a caller keeps
 * and reports what it has.
 */
import { McaError } from './errors.js';

/**
 * Assumed: Partner Center publishes no maximum page size; 500 is what the
 * emulator answers at most (docs/emulator.md). Fewer pages, fewer requests.
 */
export const DEFAULT_LIST_SIZE = 500;
const MAX_TOKEN_LENGTH = 4096;

function broken(code, message, act, progress, cause) {
  const error = new McaError({ code, message: `${message} ${progress.read} customers were read from ${progress.pages} pages before it.`,
    correlationId: act.correlationId }, cause ? { cause } : undefined);
  return Object.assign(error, { read: progress.read, pages: progress.pages });
}

/** The path and query of a next link: relative to /v1 (as Partner Center writes it) or with /v1. */
function nextRequest(next) {
  if (!next || typeof next !== 'object' || typeof next.uri !== 'string') return null;
  let url;
  try { url = new URL(next.uri, 'https://partner-center.invalid/v1/'); } catch { return null; }
  const path = url.pathname.replace(/^\/v1(?=\/)/, '');
  if (path !== '/customers') return null;             // a next link goes on listing customers, nowhere else
  const headers = {};
  for (const h of Array.isArray(next.headers) ? next.headers : []) {
    if (!h || typeof h.key !== 'string' || typeof h.value !== 'string') return null;
    if (h.key.toLowerCase() !== 'ms-continuationtoken') continue;   // only the token is carried over
    if (h.value === '' || h.value.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(h.value)) return null;
    headers['MS-ContinuationToken'] = h.value;
  }
  if (!headers['MS-ContinuationToken']) return null;
  return { path, query: Object.fromEntries(url.searchParams), headers, token: headers['MS-ContinuationToken'] };
}

/**
 * @param {(path: string, query: object, headers: object, act: object) => Promise<any>} get  one GET
 * @param {{ correlationId: string, signal: AbortSignal | null }} act  the walk's user action
 * @param {number} [size]
 * @param {((page: { page: number, items: number }) => void) | null} [onPage]  after each page read
 * @returns {AsyncIterable<import('./index.js').Customer>}
 */
export function customerPages(get, act, size = DEFAULT_LIST_SIZE, onPage = null) {
  if (!Number.isInteger(size) || size < 1) {
    throw new McaError({ code: 'client.invalidSize', message: 'listCustomers: size must be a whole number of at least 1.' });
  }
  return {
    async *[Symbol.asyncIterator]() {
      const progress = { read: 0, pages: 0 };
      const seen = new Set();
      let request = { path: '/customers', query: { size }, headers: undefined };
      while (request) {
        const page = await get(request.path, request.query, request.headers, act).catch((e) => {
          throw Object.assign(e, { read: progress.read, pages: progress.pages });
        });
        if (!page || typeof page !== 'object' || !Array.isArray(page.items)) {
          throw broken('customers.malformedPage', `Page ${progress.pages + 1} of the customer list has no items list.`, act, progress);
        }
        if (page.items.some((c) => !c || typeof c !== 'object' || typeof c.id !== 'string')) {
          throw broken('customers.malformedPage', `Page ${progress.pages + 1} of the customer list has an item without an id.`, act, progress);
        }
        progress.pages += 1;
        if (onPage) { try { onPage({ page: progress.pages, items: page.items.length }); } catch { /* never stops the walk */ } }
        for (const customer of page.items) {
          progress.read += 1;
          yield customer;
        }
        const next = page.links?.next;
        if (next === undefined || next === null) return;
        request = nextRequest(next);
        if (!request) {
          throw broken('customers.malformedPage', `Page ${progress.pages} of the customer list has a next link without a customer-list uri and continuation token.`, act, progress);
        }
        if (seen.has(request.token)) {
          throw broken('customers.pageLoop', `Page ${progress.pages} of the customer list sends back to a page already read (the same continuation token again).`, act, progress);
        }
        seen.add(request.token);
      }
    },
  };
}
