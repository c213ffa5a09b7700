/**
 * Every type that appears in a public signature is exported from the entry point that exposes it, so users can
 * name it (`Labels`, `PageOptions`, `OnMissing`, …). The TypeScript checker walks each export's declarations (not
 * function bodies, not private members), follows every type they reference into this package, transitively, and
 * lists those the entry point does not export. A type marked `@internal` (the resources' base class) is not part
 * of the surface.
 */
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

/** True for declarations a user of the package sees: not private or protected, not marked `@internal`. */
function isPublic(node: ts.Node): boolean {
  const flags = ts.getCombinedModifierFlags(node as ts.Declaration);
  return (
    (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0 && !/@internal\b/.test(node.getFullText())
  );
}

/** The package's own declaration of a type symbol (interface, alias, class, enum), or undefined for others. */
function ownTypeDeclarations(symbol: ts.Symbol): ts.Declaration[] {
  return (symbol.declarations ?? []).filter(
    (d) =>
      !d.getSourceFile().fileName.includes("/node_modules/") &&
      (ts.isInterfaceDeclaration(d) ||
        ts.isTypeAliasDeclaration(d) ||
        ts.isClassDeclaration(d) ||
        ts.isEnumDeclaration(d)),
  );
}

/** Names of package types used in the public signatures of `entry` but not exported by it, with where they are used. */
function unexportedPublicTypes(entry: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const program = ts.createProgram([path.join(ROOT, entry)], config.options);
  const checker = program.getTypeChecker();
  const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(path.join(ROOT, entry))!)!;
  const exported = new Set(checker.getExportsOfModule(moduleSymbol).map(resolve));

  const missing = new Map<string, string>();
  const seen = new Set<ts.Node>();
  const queue: ts.Node[] = [...exported].flatMap((s) => s.declarations ?? []);
  const visit = (node: ts.Node, owner: string): void => {
    if (ts.isBlock(node) || !isPublic(node)) return;
    if (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) {
      if ("type" in node && node.type) visit(node.type, owner); // an initializer is not a signature
      return;
    }
    const name = ts.isTypeReferenceNode(node)
      ? node.typeName
      : ts.isExpressionWithTypeArguments(node)
        ? node.expression
        : undefined;
    const symbol = name && checker.getSymbolAtLocation(name);
    if (symbol) {
      const target = resolve(symbol);
      const declarations = ownTypeDeclarations(target).filter(isPublic); // `@internal`: not the surface
      if (declarations.length > 0 && !exported.has(target)) missing.set(target.getName(), owner);
      queue.push(...declarations);
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (seen.has(node)) continue;
    seen.add(node);
    const owner = `${path.relative(ROOT, node.getSourceFile().fileName)} ${(node as ts.NamedDeclaration).name?.getText() ?? ""}`;
    visit(node, owner);
  }
  return [...missing].map(([name, owner]) => `${name} (used by ${owner.trim()})`).sort();
}

describe.each(["provider/index.ts", "emulator/index.ts"])("public entry point %s", (entry) => {
  it("exports every package type that appears in a public signature", () => {
    expect(unexportedPublicTypes(entry)).toEqual([]);
  }, 60_000);
});
