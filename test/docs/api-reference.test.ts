import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/**
 * The public API (src/index.ts) is documented: every property of an exported interface has a doc
 * comment, every optional one its `@default`; and docs/api/ is exactly what `npm run docs:api`
 * generates from it (run it after changing the API), as docs/checks.md is for the checks.
 */

const INDEX = path.join(ROOT, 'src', 'index.ts');

/** `Interface.prop: problem` for every property of an exported interface that lacks its docs. */
function undocumentedProperties(): string[] {
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true };
  const program = ts.createProgram([INDEX], options);
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!);
  const problems: string[] = [];
  const visit = (owner: string, members: ts.NodeArray<ts.TypeElement>, prefix: string) => {
    for (const member of members) {
      if (!ts.isPropertySignature(member)) continue;
      const name = `${owner}.${prefix}${member.name.getText()}`;
      const tags = ts.getJSDocTags(member).map((tag) => tag.tagName.text);
      if (ts.getJSDocCommentsAndTags(member).length === 0) problems.push(`${name}: no doc comment`);
      else if (member.questionToken && !tags.includes('default')) problems.push(`${name}: optional without @default`);
      if (member.type && ts.isTypeLiteralNode(member.type)) visit(owner, member.type.members, `${prefix}${member.name.getText()}.`);
    }
  };
  for (const exported of exports) {
    const symbol = checker.getImmediateAliasedSymbol(exported) ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      if (ts.isInterfaceDeclaration(declaration)) visit(exported.name, declaration.members, '');
    }
  }
  return problems;
}

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), fs.readFileSync(file, 'utf8'));
  }
  return files;
}

describe('the public API', () => {
  it('documents every property of its interfaces, each optional one with its @default', () => {
    expect(undocumentedProperties()).toEqual([]);
  });

  it('is what docs/api/ says (run `npm run docs:api` after changing it)', () => {
    const out = tempDir('vibe-api-');
    try {
      const typedoc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--options', 'typedoc.json', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      expect(typedoc.stderr).toBe('');
      expect(typedoc.status).toBe(0);
      const generated = filesUnder(out);
      const committed = filesUnder(path.join(ROOT, 'docs', 'api'));
      expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
      for (const [file, text] of generated) expect({ file, text: committed.get(file) }).toEqual({ file, text });
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
