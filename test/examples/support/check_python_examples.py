"""Checks Python examples read from stdin (a JSON list of strings): each must parse, import each
name once, and use every name it imports. Prints a JSON list with one list of problems per example.

Rosetta writes a TypeScript `declare const stack: Stack` as the comment `# stack: Stack`, so a
name that appears in such a comment counts as used.
"""
import ast
import json
import re
import sys


def problems_of(source):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [f"does not parse: {error.msg} (line {error.lineno}: {(error.text or '').strip()})"]
    imported = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported += [(alias.asname or alias.name).split('.')[0] for alias in node.names]
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    used |= {name.split('.')[0] for name in re.findall(r"#\s*\w+:\s*([\w.]+)", source)}
    found = []
    for name in sorted(set(imported)):
        if imported.count(name) > 1:
            found.append(f"imports {name} {imported.count(name)} times")
        if name not in used:
            found.append(f"imports {name} and never uses it")
    return found


print(json.dumps([problems_of(source) for source in json.load(sys.stdin)]))
