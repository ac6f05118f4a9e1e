using System.Collections.Immutable;
using System.Linq;
using Helix.FixTypes.Model;

namespace Helix.FixTypes.Emitting;

/// <summary>Emits FTY's congruence obligation as property tests: for each [RespectsEquiv] method f,
/// <c>f(Fix(x)) == f(x)</c> over raw (possibly invalid) arguments.</summary>
internal static class RespectsEquivEmitter
{
    public const string HintName = "Helix.FixTypes.RespectsEquivChecks.g.cs";

    public static string Emit(ImmutableArray<RespectsEquivModel> methods, bool xunit)
    {
        var w = TypeEmitter.Header("Helix.FixTypes.Generated");
        w.Line("using global::CsCheck;");
        w.Line();
        w.Line("/// <summary>Property tests of this assembly's [RespectsEquiv] methods: f(Fix(x)) == f(x) for raw x.</summary>");
        w.Open("internal static class RespectsEquivChecks");
        foreach (var m in methods)
        {
            int k = m.ParameterTypes.Count;
            w.Line("/// <summary>" + TypeEmitter.Escape(m.Owner.Replace("global::", "")) + "." + m.Method + " respects the equivalences of its arguments.</summary>");
            w.Open("public static void " + m.Id + "(long iter = 500)");
            string args(bool fix) => string.Join(", ", Enumerable.Range(0, k).Select(i =>
                fix ? m.ParameterTypes[i] + ".Fix(" + Item(i, k) + ")" : Item(i, k)));
            string gen = k == 1 ? m.ParameterGens[0] + ".Raw"
                : "from " + string.Join(" from ", Enumerable.Range(0, k).Select(i => "p" + i + " in " + m.ParameterGens[i] + ".Raw")) + " select (" + string.Join(", ", Enumerable.Range(0, k).Select(i => "p" + i)) + ")";
            w.Line("var gen = " + gen + ";");
            w.Line("global::CsCheck.Check.Sample(gen, static t => global::System.Collections.Generic.EqualityComparer<" + m.ReturnType + ">.Default.Equals("
                + m.Owner + "." + m.Method + "(" + args(true) + "), " + m.Owner + "." + m.Method + "(" + args(false) + ")), iter: iter);");
            w.Close();
            w.Line();
        }
        w.Line("/// <summary>Runs every check.</summary>");
        w.Open("public static void All(long iter = 500)");
        foreach (var m in methods) w.Line(m.Id + "(iter);");
        w.Close();
        w.Close();
        if (xunit)
        {
            w.Line();
            w.Line("/// <summary>xunit facts of the [RespectsEquiv] checks.</summary>");
            w.Open("public sealed class RespectsEquivFacts");
            foreach (var m in methods)
            {
                w.Line("/// <summary>" + m.Id + " respects equivalence.</summary>");
                w.Line("[global::Xunit.Fact] public void " + m.Id + "() => RespectsEquivChecks." + m.Id + "();");
            }
            w.Close();
        }
        return w.ToString();
    }

    private static string Item(int i, int k) => k == 1 ? "t" : "t.p" + i;
}
