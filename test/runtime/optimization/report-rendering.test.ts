import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { renderedReports } from './rendered-reports';

const EXPECTED_DIRECTORY = join(__dirname, 'fixtures', 'rendered');

describe('report rendering, byte for byte', () => {
  const rendered = renderedReports();

  test('renders every pinned file and no other', () => {
    expect(Object.keys(rendered).sort()).toEqual(readdirSync(EXPECTED_DIRECTORY).sort());
  });

  test.each(readdirSync(EXPECTED_DIRECTORY).sort())('%s is what the decimal.js-era code wrote', (name) => {
    expect(rendered[name]).toBe(readFileSync(join(EXPECTED_DIRECTORY, name), 'utf8'));
  });
});
