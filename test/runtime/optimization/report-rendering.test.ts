import { readFileSync } from 'fs';
import { join } from 'path';
import { renderedReports } from './rendered-reports';

/** The bodies by file name, as JSON strings so that the CSV's CRLF survives git's line-ending conversion. */
const EXPECTED: Record<string, string> = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'rendered-reports.json'), 'utf8'));

describe('report rendering, byte for byte', () => {
  const rendered = renderedReports();

  test('renders every pinned body and no other', () => {
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.keys(EXPECTED).sort())('%s is what the decimal.js-era code wrote', (name) => {
    expect(rendered[name]).toBe(EXPECTED[name]);
  });
});
