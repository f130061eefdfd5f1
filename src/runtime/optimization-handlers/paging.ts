/**
 * Page-reading loops written once for every paginated API the optimizers call, against an
 * injected `fetchPage`, so a handler test drives them with the real SDK client.
 */

/** A runaway token loop (a service echoing the same token) stops here instead of spending forever. */
export const MAX_PAGES = 500;

/**
 * Reads every page: calls `fetchPage` with no token, then with each next token, until a page has none.
 *
 * @param nextTokenOf reads the token field of a page (NextPageToken, NextToken, nextToken...)
 * @throws when a service returns the same token twice or more than `maxPages` pages
 */
export async function readAllPages<Page>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  nextTokenOf: (page: Page) => string | undefined,
  maxPages: number = MAX_PAGES,
): Promise<Page[]> {
  const pages: Page[] = [];
  const seenTokens = new Set<string>();
  let token: string | undefined;
  do {
    if (pages.length >= maxPages) {
      throw new Error(`Stopped after ${maxPages} pages: the result is larger than this optimizer reads in one run`);
    }
    const page = await fetchPage(token);
    pages.push(page);
    token = nonEmpty(nextTokenOf(page));
    if (token !== undefined && seenTokens.has(token)) {
      throw new Error(`The service returned the page token ${JSON.stringify(token)} twice; stopping to avoid a loop`);
    }
    if (token !== undefined) seenTokens.add(token);
  } while (token !== undefined);
  return pages;
}

/**
 * Reads every page and keeps only what `reduce` extracts from each, so a large account's raw
 * pages are not all held at once.
 */
export async function foldPages<Page, Item>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  nextTokenOf: (page: Page) => string | undefined,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  maxPages: number = MAX_PAGES,
): Promise<Item[]> {
  const items: Item[] = [];
  await readAllPages(async (token) => {
    const page = await fetchPage(token);
    items.push(...(itemsOf(page) ?? []));
    return { next: nextTokenOf(page) };
  }, (page) => page.next, maxPages);
  return items;
}

function nonEmpty(token: string | undefined): string | undefined {
  return token === undefined || token === '' ? undefined : token;
}
