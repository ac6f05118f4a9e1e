using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Helix.FixTypes.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Helix.FixTypes.Pipeline;

/// <summary>One record declaration (a part, when the record is partial): its syntactic full name, whether it carries
/// attributes (a [FixType] candidate: the attribute may be aliased, so binding decides), and the text of its members.</summary>
internal sealed record RecordPart(string FullName, bool Attributed, string Members);

/// <summary>
/// What one file contributes, from syntax alone (no binding, so it reruns only when the file changes):
/// <list type="bullet">
/// <item><see cref="Shape"/>: everything in the file that another type's model can depend on: its parse options
/// (conditional symbols, language version), usings, directives, namespaces, every type's header (attributes, modifiers, name, base list), nested types, const fields and enum
/// members. An edit that changes it invalidates every model.</item>
/// <item><see cref="Records"/>: each record declaration's members, which only that record's own model reads.</item>
/// </list>
/// Members of classes, structs and interfaces (method bodies, fields, properties) are in neither: no model reads them.
/// </summary>
internal sealed record TreeShape(int Index, string Shape, EquatableArray<RecordPart> Records)
{
    public static TreeShape Of(SyntaxTree tree, int index, CancellationToken ct)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot(ct);
        var text = tree.GetText(ct);
        var shape = new StringBuilder();
        var records = new List<RecordPart>();
        // The parse options: conditional symbols decide which text is syntax and which is disabled trivia, which the
        // texts below do not show.
        shape.Append("#options ").Append(string.Join(",", tree.Options.PreprocessorSymbolNames)).Append(' ')
            .Append(((CSharpParseOptions)tree.Options).LanguageVersion.ToString()).Append('\n');
        foreach (var e in root.Externs) shape.Append(e.ToString()).Append('\n');
        foreach (var u in root.Usings) shape.Append(u.ToString()).Append('\n');
        foreach (var a in root.AttributeLists) shape.Append(a.ToString()).Append('\n');
        if (root.ContainsDirectives)
            for (var d = root.GetFirstDirective(); d is not null; d = d.GetNextDirective())
                shape.Append(d.ToString()).Append('\n');
        Walk(root.Members, "", false, text, shape, records, ct);
        return new TreeShape(index, shape.ToString(), records.ToEquatable());
    }

    /// <summary>The <paramref name="ordinal"/>-th record declaration named <paramref name="fullName"/> in
    /// <paramref name="tree"/>, in the order <see cref="Of"/> lists them.</summary>
    public static RecordDeclarationSyntax? Locate(SyntaxTree tree, string fullName, int ordinal, CancellationToken ct)
    {
        int seen = 0;
        foreach (var (name, r) in Declarations(((CompilationUnitSyntax)tree.GetRoot(ct)).Members, ""))
            if (name == fullName && seen++ == ordinal) return r;
        return null;
    }

    private static IEnumerable<(string Name, RecordDeclarationSyntax Node)> Declarations(SyntaxList<MemberDeclarationSyntax> members, string prefix)
    {
        foreach (var m in members)
        {
            if (m is BaseNamespaceDeclarationSyntax ns)
                foreach (var x in Declarations(ns.Members, prefix + ns.Name.ToString() + ".")) yield return x;
            else if (m is TypeDeclarationSyntax td)
            {
                string name = FullName(td, prefix);
                if (td is RecordDeclarationSyntax r) yield return (name, r);
                foreach (var x in Declarations(td.Members, name + "+")) yield return x;
            }
        }
    }

    private static string FullName(BaseTypeDeclarationSyntax t, string prefix) =>
        prefix + t.Identifier.ValueText + (t is TypeDeclarationSyntax { TypeParameterList: { } tp } ? "`" + tp.Parameters.Count : "");

    private static void Walk(SyntaxList<MemberDeclarationSyntax> members, string prefix, bool inType, Microsoft.CodeAnalysis.Text.SourceText text,
        StringBuilder shape, List<RecordPart> records, CancellationToken ct)
    {
        foreach (var m in members)
        {
            ct.ThrowIfCancellationRequested();
            switch (m)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    shape.Append("namespace ").Append(ns.Name.ToString()).Append(" {\n");
                    foreach (var e in ns.Externs) shape.Append(e.ToString()).Append('\n');
                    foreach (var u in ns.Usings) shape.Append(u.ToString()).Append('\n');
                    Walk(ns.Members, prefix + ns.Name.ToString() + ".", false, text, shape, records, ct);
                    shape.Append("}\n");
                    break;
                case EnumDeclarationSyntax en:
                    shape.Append(en.ToString()).Append('\n');
                    break;
                case TypeDeclarationSyntax td:
                {
                    string name = FullName(td, prefix);
                    // The header: attributes, modifiers, keyword, name, type parameters, primary parameters, bases, constraints.
                    int end = td.OpenBraceToken.IsKind(SyntaxKind.None) ? td.Span.End : td.OpenBraceToken.SpanStart;
                    shape.Append(text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(td.SpanStart, end))).Append(" {\n");
                    var own = td is RecordDeclarationSyntax ? new StringBuilder() : null;
                    foreach (var member in td.Members)
                    {
                        if (member is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax) continue;
                        if (member is DelegateDeclarationSyntax
                            || member is FieldDeclarationSyntax f && f.Modifiers.Any(SyntaxKind.ConstKeyword))
                            shape.Append(member.ToString()).Append('\n');
                        else own?.Append(member.ToString()).Append('\n');
                    }
                    if (own is not null) records.Add(new RecordPart(name, td.AttributeLists.Count > 0, own.ToString()));   // document order, as Locate counts
                    Walk(td.Members, name + "+", true, text, shape, records, ct);
                    shape.Append("}\n");
                    break;
                }
                default:
                    // Inside a type: its other members were sorted above. Outside: delegates, kept whole (top-level
                    // statements are skipped: nothing in them is visible to a type).
                    if (!inType && m is not GlobalStatementSyntax) shape.Append(m.ToString()).Append('\n');
                    break;
            }
        }
    }
}
