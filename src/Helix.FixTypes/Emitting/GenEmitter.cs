using System.Linq;
using Helix.FixTypes.Model;
using Helix.FixTypes.Parsing;

namespace Helix.FixTypes.Emitting;

/// <summary>Emits CsCheck generators of raw (possibly invalid) and valid values of a fixtype, where the compilation
/// references CsCheck.</summary>
internal static class GenEmitter
{
    private const string Gen = "global::CsCheck.Gen";

    public static string HintName(string ns, string flatName) => (ns.Length == 0 ? "" : ns + ".") + flatName + "Gen.g.cs";

    public static string Emit(TypeModel t)
    {
        var w = Open(t.Namespace, t.FlatName, t.FullName);
        w.Open("private static " + Gen + "<" + t.FullName + "> Build(int d)");
        if (t.Fields.Count == 0) w.Line("return " + Gen + ".Const<" + t.FullName + ">(" + t.FullName + ".Default);");
        else
        {
            for (int i = 0; i < t.Fields.Count; i++)
            {
                var x = t.Fields[i];
                w.Line((i == 0 ? "return from " : "    from ") + TypeEmitter.Local(x) + " in " + (x.Gen ?? Gen + ".Const<" + x.Type + ">(default(" + x.Type + ")!)").Replace("{d}", "d"));
            }
            w.Line("    select " + t.FullName + ".__Unchecked(" + string.Join(", ", t.Fields.Select(TypeEmitter.Local)) + ");");
        }
        w.Close();
        w.Close();
        return w.ToString();
    }

    public static string Emit(SumModel s)
    {
        var w = Open(s.Namespace, s.FlatName, s.FullName);
        w.Line("private static " + Gen + "<" + s.FullName + "> Build(int d) => " + Gen + ".OneOf<" + s.FullName + ">("
            + string.Join(", ", s.Cases.Select(c => "global::" + (s.Namespace.Length == 0 ? "" : s.Namespace + ".") + s.FlatName + c + "Gen.RawAt(d).Select(static x => (" + s.FullName + ")x)")) + ");");
        w.Close();
        return w.ToString();
    }

    private static SourceWriter Open(string ns, string flat, string full)
    {
        var w = TypeEmitter.Header(ns);
        w.Line("using global::CsCheck;");
        w.Line();
        w.Line("/// <summary>CsCheck generators of <see cref=\"" + full + "\"/>: raw values (made without fixing, often invalid) and valid ones.</summary>");
        w.Open("internal static class " + flat + "Gen");
        w.Line("private static readonly " + Gen + "<" + full + ">?[] __raw = new " + Gen + "<" + full + ">?[8];");
        w.Line();
        w.Line("/// <summary>Raw values, recursive fields at most three levels deep.</summary>");
        w.Line("public static " + Gen + "<" + full + "> Raw => RawAt(3);");
        w.Line();
        w.Line("/// <summary>Valid values: raw values, fixed.</summary>");
        w.Line("public static " + Gen + "<" + full + "> Valid => Raw.Select(static x => " + full + ".Fix(x));");
        w.Line();
        w.Line("/// <summary>Raw values whose recursive fields go at most <paramref name=\"depth\"/> levels deep (0 to 7).</summary>");
        w.Line("public static " + Gen + "<" + full + "> RawAt(int depth) => __raw[depth < 0 ? 0 : depth > 7 ? 7 : depth] ??= Build(depth < 0 ? 0 : depth > 7 ? 7 : depth);");
        w.Line();
        return w;
    }
}
