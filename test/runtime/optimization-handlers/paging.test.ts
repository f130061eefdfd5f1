import { foldPages, readAllPages } from '../../../src/runtime/optimization-handlers/paging';

type Page = { items: number[]; next?: string };

function pagesFrom(pages: Record<string, Page>): (token: string | undefined) => Promise<Page> {
  return async (token) => pages[token ?? 'first'];
}

describe('readAllPages', () => {
  test('follows tokens until a page has none, in order', async () => {
    const fetched: Array<string | undefined> = [];
    const pages = await readAllPages(async (token) => {
      fetched.push(token);
      return pagesFrom({ first: { items: [1], next: 'b' }, b: { items: [2], next: 'c' }, c: { items: [3] } })(token);
    }, (page) => page.next);
    expect(pages.map((page) => page.items[0])).toEqual([1, 2, 3]);
    expect(fetched).toEqual([undefined, 'b', 'c']);
  });

  test('an empty token ends paging like a missing one', async () => {
    const pages = await readAllPages(pagesFrom({ first: { items: [1], next: '' } }), (page) => page.next);
    expect(pages).toHaveLength(1);
  });

  test('a repeated token stops the loop with an error', async () => {
    await expect(readAllPages(pagesFrom({ first: { items: [1], next: 'a' }, a: { items: [2], next: 'a' } }), (page) => page.next))
      .rejects.toThrow('The service returned the page token "a" twice; stopping to avoid a loop');
  });

  test('stops at the page limit', async () => {
    let counter = 0;
    await expect(readAllPages(async () => ({ items: [], next: `t${++counter}` }), (page: Page) => page.next, 3))
      .rejects.toThrow('Stopped after 3 pages');
  });
});

describe('foldPages', () => {
  test('keeps only the items of every page', async () => {
    const items = await foldPages(pagesFrom({ first: { items: [1, 2], next: 'b' }, b: { items: [3] } }), (page) => page.next, (page) => page.items);
    expect(items).toEqual([1, 2, 3]);
  });
});
