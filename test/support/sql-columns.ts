import { Parser } from 'node-sql-parser';

/**
 * The column names a query reads that no table column, partition key or name the query itself
 * defines (select aliases, CTE names, UNNEST aliases) provides: what Athena rejects with COLUMN_NOT_FOUND.
 * The parser's "athena" grammar is used: its "trino" grammar reads "CROSS JOIN UNNEST" as a table
 * alias "CROSS" and rejects scalar subqueries. It reads a double-quoted name as a string, which in
 * Trino SQL (Athena) is an identifier, so those count as references too.
 */
export function unknownColumns(sql: string, available: readonly string[]): string[] {
  // Athena's positional `?` parameters are not in the parser's grammar; its own `:name` parameter stands in.
  const ast = new Parser().astify(sql.replace(/\?/g, ':param'), { database: 'athena' });
  const referenced = new Set<string>();
  const defined = new Set<string>(available);
  const visit = (node: any): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    if (node.type === 'column_ref') {
      referenced.add(typeof node.column === 'string' ? node.column : node.column?.expr?.value);
    } else if (node.type === 'double_quote_string') {
      referenced.add(node.value);
    }
    for (const [key, value] of Object.entries<any>(node)) {
      if (key === 'as') {
        defineAlias(value);
      } else if (key === 'name' && node.stmt !== undefined) {
        defined.add(value.value); // a CTE
      } else {
        visit(value);
      }
    }
  };
  const defineAlias = (alias: any): void => {
    if (typeof alias === 'string') {
      defined.add(alias);
    } else if (alias?.type === 'function') {
      defined.add(alias.name.name[0].value);
      alias.args.value.forEach((column: any) => defined.add(column.column));
    }
  };
  visit(ast);
  return [...referenced].filter((name) => !defined.has(name));
}
