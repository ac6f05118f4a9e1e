using System.Linq;
using Helix.FixTypes.Model;

namespace Helix.FixTypes.Emitting;

/// <summary>Emits the members of a [FixSum] tagged sum: a pure function of its <see cref="SumModel"/>.</summary>
internal static class SumEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string FixJson = "global::Helix.FixTypes.Json.FixJson";

    public static string HintName(SumModel s) => (s.Namespace.Length == 0 ? "" : s.Namespace + ".") + s.FlatName + ".FixSum.g.cs";

    public static string Emit(SumModel s)
    {
        var w = TypeEmitter.Header(s.Namespace);
        foreach (var c in s.Containers) w.Open(c);
        string n = s.Name;
        var cases = s.Cases;
        w.Line("[" + Json + ".Serialization.JsonConverter(typeof(" + n + ".FixJsonConverter))]");
        w.Open("partial record " + n + " : global::Helix.FixTypes.IFixType<" + n + ">");
        w.Line("/// <summary>The cases of <see cref=\"" + n + "\"/>.</summary>");
        w.Open("public enum Kinds");
        foreach (var c in cases) w.Line("/// <summary>A <see cref=\"" + c + "\"/>.</summary>").Line(c + ",");
        w.Close();
        w.Line();
        w.Line("/// <summary>Which case this value is.</summary>");
        w.Line("public abstract Kinds Kind { get; }");
        w.Line();
        w.Line("/// <summary>Only the nested cases derive from this sum.</summary>");
        w.Line("private " + n + "() { }");
        w.Line();
        w.Line("/// <summary>What a missing value fixes to: the default of case <see cref=\"" + cases[s.DefaultCase] + "\"/>.</summary>");
        w.Line("public static " + n + " Default => " + cases[s.DefaultCase] + ".Default;");
        w.Line();
        w.Line("/// <summary>The recognizer: a case whose fields are valid.</summary>");
        w.Line("public static bool IsValid(" + n + "? x) => x switch { " + string.Join(", ", cases.Select(c => c + " c => " + c + ".IsValid(c)")) + ", _ => false };");
        w.Line();
        w.Line("/// <summary>The fixing function: each case fixes itself; a missing value or an unknown case fixes to <see cref=\"Default\"/>.</summary>");
        w.Line("public static " + n + " Fix(" + n + "? x) => x switch { " + string.Join(", ", cases.Select(c => c + " c => " + c + ".Fix(c)")) + ", _ => Default };");
        w.Line();
        w.Line("/// <summary>The equivalence: equality of the fixed values.</summary>");
        w.Line("public static bool Equiv(" + n + "? x, " + n + "? y) => ReferenceEquals(x, y) || Fix(x).Equals(Fix(y));");
        w.Line();
        w.Line("/// <summary>Exhaustive match: calls the function of this value's case.</summary>");
        w.Open("public TResult Match<TResult>(" + string.Join(", ", cases.Select(c => "global::System.Func<" + c + ", TResult> " + Arg(c))) + ") => this switch");
        foreach (var c in cases) w.Line(c + " c => " + Arg(c) + "(c),");
        w.Line("_ => throw new global::System.InvalidOperationException(\"not a case of " + n + "\"),");
        w.Close(";");
        w.Line();
        w.Line("/// <summary>Exhaustive switch: runs the action of this value's case.</summary>");
        w.Open("public void Switch(" + string.Join(", ", cases.Select(c => "global::System.Action<" + c + "> " + Arg(c))) + ")");
        w.Open("switch (this)");
        foreach (var c in cases) w.Line("case " + c + " c: " + Arg(c) + "(c); break;");
        w.Line("default: throw new global::System.InvalidOperationException(\"not a case of " + n + "\");");
        w.Close();
        w.Close();
        foreach (var c in cases)
        {
            w.Line();
            w.Open("partial record " + c);
            w.Line("/// <inheritdoc/>");
            w.Line("public override Kinds Kind => Kinds." + c + ";");
            w.Close();
        }
        EmitJson(w, s);
        w.Close();
        foreach (var _ in s.Containers) w.Close();
        return w.ToString();
    }

    private static void EmitJson(SourceWriter w, SumModel s)
    {
        string n = s.Name;
        w.Line();
        w.Line("/// <summary>Reads and writes " + n + " as <c>{\"kind\": case, \"value\": fields}</c>; an unknown kind fixes to the default (strict mode: rejects).</summary>");
        w.Open("public sealed class FixJsonConverter : " + Json + ".Serialization.JsonConverter<" + n + ">");
        w.Line("/// <inheritdoc/>");
        w.Open("public override " + n + " Read(ref " + Json + ".Utf8JsonReader reader, global::System.Type typeToConvert, " + Json + ".JsonSerializerOptions options)");
        w.Line("bool strict = " + FixJson + ".IsStrict(options);");
        w.Open("if (reader.TokenType == " + Json + ".JsonTokenType.Null)");
        w.Line("if (strict) throw new global::Helix.FixTypes.Json.FixTypeJsonException(\"$\", \"null is not a valid " + n + "\");");
        w.Line("return Default;");
        w.Close();
        w.Line("using var doc = " + Json + ".JsonDocument.ParseValue(ref reader);");
        w.Line("var root = doc.RootElement;");
        w.Line("string? kind = root.ValueKind == " + Json + ".JsonValueKind.Object && root.TryGetProperty(\"kind\", out var k) && k.ValueKind == " + Json + ".JsonValueKind.String ? k.GetString() : null;");
        w.Line("bool hasValue = root.ValueKind == " + Json + ".JsonValueKind.Object && root.TryGetProperty(\"value\", out var v) ? true : (v = default) is var _ && false;");
        w.Open("switch (kind)");
        foreach (var c in s.Cases)
            w.Line("case \"" + c + "\": return hasValue ? " + FixJson + ".ReadElement<" + c + ">(v, options, \"value\") ?? " + c + ".Default : " + c + ".Default;");
        w.Open("default:");
        w.Line("if (strict) throw new global::Helix.FixTypes.Json.FixTypeJsonException(\"$.kind\", " + FixJson + ".Show(kind) + \" is not one of " + string.Join(", ", s.Cases) + "\");");
        w.Line("return Default;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("public override void Write(" + Json + ".Utf8JsonWriter writer, " + n + " value, " + Json + ".JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        w.Line("writer.WriteString(\"kind\", value.Kind.ToString());");
        w.Line("writer.WritePropertyName(\"value\");");
        w.Open("switch (value)");
        foreach (var c in s.Cases) w.Line("case " + c + " c: " + Json + ".JsonSerializer.Serialize(writer, c, options); break;");
        w.Line("default: writer.WriteNullValue(); break;");
        w.Close();
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
    }

    private static string Arg(string c) => "@" + char.ToLowerInvariant(c[0]) + c.Substring(1);
}
