using System.Linq;
using Helix.FixTypes.Model;
using Helix.FixTypes.Parsing;

namespace Helix.FixTypes.Emitting;

/// <summary>Emits the members of a [FixType] record: a pure function of its <see cref="TypeModel"/>.</summary>
internal static class TypeEmitter
{
    private const string Json = "global::System.Text.Json";
    private const string FixJson = "global::Helix.FixTypes.Json.FixJson";
    private const string Deep = "global::Helix.FixTypes.DeepStack";
    private const string SetsRequired = "global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers";
    private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    public static string HintName(TypeModel t) => (t.Namespace.Length == 0 ? "" : t.Namespace + ".") + t.FlatName + ".FixType.g.cs";

    public static string Emit(TypeModel t)
    {
        var w = Header(t.Namespace);
        foreach (var c in t.Containers) w.Open(c);
        string n = t.Name;
        string q = t.IsStruct ? n : n + "?";   // the parameter type of IsValid/Fix/Equiv
        var f = t.Fields;
        w.Line("[" + Json + ".Serialization.JsonConverter(typeof(" + n + ".FixJsonConverter))]");
        w.Open("partial record " + (t.IsStruct ? "struct " : "") + n + " : global::Helix.FixTypes.IFixType<" + n + ">");

        for (int i = 0; i < f.Count; i++)
        {
            var x = f[i];
            // The fixed default is computed once (a static readonly the JIT treats as a constant), except for fields that
            // mention a fixtype, whose Default may still be under construction in a recursive group.
            if (t.RecursiveFields[i]) w.Line("private " + x.Type + " " + Field(x) + " = " + Fix(x) + "(" + x.Default + ");");
            else
            {
                w.Line("private static readonly " + x.Type + " __Default_" + x.Name + " = " + Fix(x) + "(" + x.Default + ");");
                w.Line("private " + x.Type + " " + Field(x) + " = __Default_" + x.Name + ";");
            }
            string set = x.Setter.Length == 0 ? "" : " " + x.Setter + " => " + Field(x) + " = " + Assign(t, x) + "(value);";
            w.Line(x.Accessibility + (x.Required ? " required" : "") + " partial " + x.Type + " " + x.Name + " { get => " + Field(x) + ";" + set + " }");
            w.Line(Inline + " private static " + x.Type + " " + Fix(x) + "(" + x.Type + " v) => " + ValueCode.Apply(x.Fix, "v") + ";");
            if (t.Reject)
                w.Line(Inline + " private static " + x.Type + " __Check_" + x.Name + "(" + x.Type + " v) => " + (x.Check == "true" ? "v"
                    : (x.Check == x.Valid ? "__Valid_" + x.Name + "(v)" : ValueCode.Apply(x.Check, "v"))
                    + " ? v : throw Invalid(\"" + x.Name + "\", \"must be " + Escape(x.Describe) + ", got \" + " + FixJson + ".Show(v))") + ";");
            w.Line(Inline + " private static " + x.Type + " __FixDeep_" + x.Name + "(" + x.Type + " v) => " + ValueCode.Apply(x.FixDeep, "v") + ";");
            w.Line(Inline + " private static bool __Valid_" + x.Name + "(" + x.Type + " v) => " + ValueCode.Apply(x.Valid, "v") + ";");
            w.Line();
        }

        if (t.Reject)
        {
            w.Line("/// <summary>The exception an assignment of an invalid value throws (FixPolicy.Reject): <paramref name=\"property\"/> is the");
            w.Line("/// property's name, <paramref name=\"reason\"/> reads \"must be between 1 and 64, got 0\".</summary>");
            w.Line("private static partial global::System.Exception Invalid(string property, string reason);");
            w.Line();
        }
        w.Line("/// <summary>A value with every field at its (fixed) default.</summary>");
        w.Line("public " + n + "() { }");
        w.Line();
        // With required members a caller of the public constructors must set them; the generated code builds values
        // through a private constructor that sets them all (to their fixed defaults).
        bool required = f.Any(static x => x.Required);
        string blank = required ? "new " + n + "(default(__AllDefaults))" : "new " + n + "()";
        if (required)
        {
            // CS8618: nullable analysis looks for assignments of the required properties themselves; their backing
            // fields are set (by their initializers, or by the fixing constructor).
            w.Line("private readonly struct __AllDefaults { }");
            w.Line("#pragma warning disable CS8618");
            w.Line("[" + SetsRequired + "] private " + n + "(__AllDefaults _) { }");
            w.Line("#pragma warning restore CS8618");
            w.Line();
        }
        if (f.Count > 0)
        {
            w.Line(t.Reject ? "/// <summary>The checking constructor: an invalid argument is rejected (see <c>Invalid</c>).</summary>"
                : "/// <summary>The fixing constructor: every argument is fixed.</summary>");
            if (required) w.Line("#pragma warning disable CS8618");
            if (required) w.Line("[" + SetsRequired + "]");
            w.Open("public " + n + "(" + string.Join(", ", f.Select(x => x.Type + " " + Param(x))) + ")");
            foreach (var x in f) w.Line(Field(x) + " = " + Assign(t, x) + "(" + Param(x) + ");");
            w.Close();
            if (required) w.Line("#pragma warning restore CS8618");
            w.Line();
            foreach (var x in f)
            {
                w.Line("/// <summary>This value with <see cref=\"" + x.Name + "\"/> replaced (and fixed).</summary>");
                string body = x.Setter == "init" || x.Setter == "set"
                    ? "this with { " + x.Name + " = value }"
                    : "new " + n + "(" + string.Join(", ", f.Select(y => y == x ? "value" : Field(y))) + ")";
                w.Line(x.Accessibility + " " + n + " With" + x.Name + "(" + x.Type + " value) => " + body + ";");
            }
            w.Line();
        }

        w.Line("/// <summary>The value a missing value fixes to: every field at its default.</summary>");
        w.Line("public static " + (t.BaseIsFixType ? "new " : "") + n + " Default { get; } = " + blank + ";");
        w.Line();

        // Recognizer.
        string validAll = f.Count == 0 ? "true" : string.Join(" && ", f.Select(x => "__Valid_" + x.Name + "(x." + Field(x) + ")"));
        // The cross-field requirement is asked only of values whose fields are each valid (the hook may rely on that).
        if (t.WhyAcross) validAll = (f.Count == 0 ? "" : validAll + " && ") + "WhyAcross(x) is null";
        w.Line(t.WhyAcross
            ? "/// <summary>The recognizer: whether every field of <paramref name=\"x\"/> satisfies its constraint, and the fields together meet <c>WhyAcross</c>.</summary>"
            : "/// <summary>The recognizer: whether every field of <paramref name=\"x\"/> satisfies its constraint.</summary>");
        if (t.IsRecursive)
        {
            w.Line("public static bool IsValid(" + q + " x) => " + (t.IsStruct ? "" : "x is not null && ") + "(" + Deep + ".HasRoom() ? __IsValidCore(x) : " + Deep + ".Run(x, static y => __IsValidCore(y)));");
            w.Line("private static bool __IsValidCore(" + n + " x) => " + validAll + ";");
        }
        else w.Line("public static bool IsValid(" + q + " x) => " + (t.IsStruct ? "" : "x is not null && ") + validAll + ";");
        w.Line();

        // Fix.
        w.Line("/// <summary>The fixing function: total, idempotent, and the identity (same instance) on valid values.</summary>");
        w.Open("public static " + n + " Fix(" + q + " x)");
        if (!t.IsStruct) w.Line("if (x is null) return Default;");
        if (t.IsRecursive) w.Line("if (!" + Deep + ".HasRoom()) return " + Deep + ".Run(x, static y => Fix(y));");
        if (!t.IsRecursive && f.Count > 0)
        {
            // Flat fields: check first (no copy, no allocation); the repair is a separate method, so that Fix stays small
            // enough to inline at its call sites.
            w.Line("return " + validAll + " ? x : __Repair_(x);");
        }
        else if (f.Count > 0)
        {
            // Nested fixtypes: one deep pass that fixes and compares (checking first would walk deep values twice).
            foreach (var x in f) w.Line("var " + Local(x) + " = __FixDeep_" + x.Name + "(x." + Field(x) + ");");
            w.Line("if (" + string.Join(" && ", f.Select(x => "global::Helix.FixTypes.FixSame.Same(" + Local(x) + ", x." + Field(x) + ")")) + ") return " + Across(t, "x") + ";");
            w.Line("return " + Across(t, "new " + n + "(" + string.Join(", ", f.Select(Local)) + ")") + ";");
        }
        else w.Line("return " + Across(t, "x") + ";");
        w.Close();
        w.Line();

        if (!t.IsRecursive && f.Count > 0)
        {
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
            w.Line("private static " + n + " __Repair_(" + n + " x) => " + Across(t, "new " + n + "(" + string.Join(", ", f.Select(x => "__FixDeep_" + x.Name + "(x." + Field(x) + ")")) + ")") + ";");
            w.Line();
        }
        if (t.WhyAcross) EmitAcross(w, t);
        if (t.Reject) EmitChecked(w, t);
        w.Line("/// <summary>The equivalence: equality of the fixed values.</summary>");
        w.Line("public static bool Equiv(" + q + " x, " + q + " y) => " + (t.IsStruct ? "" : "ReferenceEquals(x, y) || ") + "Fix(x).Equals(Fix(y));");
        w.Line();

        w.Line("/// <summary>Why <paramref name=\"value\"/> is not valid for property <paramref name=\"property\"/> (\"must be between 1 and 64, got 0\"), or null when it is valid; for messages that reject bad user input instead of fixing it.</summary>");
        w.Open("public static string? Why(string property, object? value)");
        w.Open("switch (property)");
        foreach (var x in f)
        {
            if (x.Valid == "true" || x.Type.EndsWith("?")) continue;
            w.Line("case \"" + x.Name + "\": return value is " + x.Type + " " + Local(x) + " && __Valid_" + x.Name + "(" + Local(x) + ") ? null : \"must be "
                + Escape(x.Describe) + ", got \" + global::Helix.FixTypes.Json.FixJson.Show(value);".Replace("global::Helix.FixTypes.Json.FixJson", FixJson));
        }
        w.Line("default: return null;");
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>A value with the given fields taken as they are, without fixing (for tests of the fixing function).</summary>");
        w.Open("internal static " + n + " __Unchecked(" + string.Join(", ", f.Select(x => x.Type + " " + Local(x))) + ")");
        w.Line("var __r = " + blank + ";");
        foreach (var x in f) w.Line("__r." + Field(x) + " = " + Local(x) + ";");
        w.Line("return __r;");
        w.Close();

        if (t.IsRecursive) EmitDeepEquality(w, t);
        EmitJson(w, t);
        w.Close();
        foreach (var _ in t.Containers) w.Close();
        return w.ToString();
    }

    /// <summary>Equals and GetHashCode that continue on a fresh stack when the current one is nearly full.</summary>
    private static void EmitDeepEquality(SourceWriter w, TypeModel t)
    {
        string n = t.Name;
        var f = t.Fields;
        w.Line();
        w.Line("/// <summary>Field-wise equality (consistent with <see cref=\"Equiv\"/>), safe on deep values.</summary>");
        if (t.IsStruct)
        {
            w.Open("public bool Equals(" + n + " other)");
            w.Line("if (!" + Deep + ".HasRoom()) return " + Deep + ".Run((this, other), static p => p.Item1.__EqualFields(p.Item2));");
        }
        else
        {
            w.Open("public " + (t.IsSealed ? "" : "virtual ") + "bool Equals(" + n + "? other)");
            w.Line("if (ReferenceEquals(this, other)) return true;");
            w.Line("if (other is null || EqualityContract != other.EqualityContract) return false;");
            w.Line("if (!" + Deep + ".HasRoom()) return " + Deep + ".Run((this, other), static p => p.Item1.__EqualFields(p.Item2));");
        }
        w.Line("return __EqualFields(other);");
        w.Close();
        w.Line();
        string eq = f.Count == 0 ? "true" : string.Join(" && ", f.Select(x => "global::System.Collections.Generic.EqualityComparer<" + x.Type + ">.Default.Equals(" + Field(x) + ", other." + Field(x) + ")"));
        w.Line("private bool __EqualFields(" + n + " other) => " + eq + ";");
        w.Line();
        w.Line("/// <summary>Field-wise hash (consistent with <see cref=\"Equiv\"/>), safe on deep values.</summary>");
        w.Line("public override int GetHashCode() => " + Deep + ".HasRoom() ? __Hash() : " + Deep + ".Run(this, static x => x.__Hash());");
        w.Line();
        w.Open("private int __Hash()");
        w.Line("var h = new global::System.HashCode();");
        if (!t.IsStruct) w.Line("h.Add(EqualityContract);");
        foreach (var x in f) w.Line("h.Add(" + Field(x) + ");");
        w.Line("return h.ToHashCode();");
        w.Close();
    }

    private static void EmitJson(SourceWriter w, TypeModel t)
    {
        string n = t.Name;
        var f = t.Fields.Where(x => !x.JsonIgnore).ToList();
        w.Line();
        w.Line("/// <summary>Reads " + n + " from JSON, fixing every field (or, in strict mode, rejecting the first invalid one with its path), and writes it.</summary>");
        w.Open("public " + (t.BaseIsFixType ? "new " : "") + "sealed class FixJsonConverter : " + Json + ".Serialization.JsonConverter<" + n + ">");
        w.Line("/// <inheritdoc/>");
        w.Open("public override " + n + " Read(ref " + Json + ".Utf8JsonReader reader, global::System.Type typeToConvert, " + Json + ".JsonSerializerOptions options)");
        w.Line("bool strict = " + FixJson + ".IsStrict(options);");
        w.Open("if (reader.TokenType == " + Json + ".JsonTokenType.Null)");
        w.Line("if (strict) throw new global::Helix.FixTypes.Json.FixTypeJsonException(\"$\", \"null is not a valid " + n + "\");");
        w.Line("return Default;");
        w.Close();
        w.Line("if (reader.TokenType != " + Json + ".JsonTokenType.StartObject) throw new " + Json + ".JsonException(\"expected a JSON object for " + n + "\");");
        w.Line("var d = Default;");
        foreach (var x in t.Fields) w.Line("var " + Local(x) + " = d." + Field(x) + ";");
        w.Open("while (reader.Read() && reader.TokenType != " + Json + ".JsonTokenType.EndObject)");
        w.Line("string name = reader.GetString()!;");
        w.Line("reader.Read();");
        bool first = true;
        foreach (var x in f)
        {
            w.Open((first ? "if" : "else if") + " (" + FixJson + ".Matches(name, \"" + x.Name + "\", options))");
            w.Line(Local(x) + " = " + FixJson + ".Read<" + x.Type + ">(ref reader, options, " + FixJson + ".Name(\"" + x.Name + "\", options))!;");
            if (x.Valid != "true")
                w.Line("if (strict && !__Valid_" + x.Name + "(" + Local(x) + ")) throw global::Helix.FixTypes.Json.FixTypeJsonException.AtField(" + FixJson + ".Name(\""
                    + x.Name + "\", options), " + FixJson + ".Show(" + Local(x) + ") + \" is not " + Escape(x.Describe) + "\");");
            w.Close();
            first = false;
        }
        w.Line(first ? "reader.Skip();" : "else reader.Skip();");
        w.Close();
        // A rejecting type's constructor would throw on a bad field: reading fixes (strict mode rejected above).
        string made = "new " + n + "(" + string.Join(", ", t.Fields.Select(x => t.Reject ? Fix(x) + "(" + Local(x) + ")" : Local(x))) + ")";
        if (t.WhyAcross)
        {
            // Fields fixed (or, strict, checked) one by one; then the requirement across them.
            w.Line("var __r = " + made + ";");
            w.Line("if (strict && WhyAcross(__r) is { } __why) throw global::Helix.FixTypes.Json.FixTypeJsonException.AtField(" + FixJson + ".Name(__why.Item1, options), __why.Item2);");
            w.Line("return __Across_(__r);");
        }
        else w.Line("return " + made + ";");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("public override void Write(" + Json + ".Utf8JsonWriter writer, " + n + " value, " + Json + ".JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        foreach (var x in f)
        {
            w.Line("writer.WritePropertyName(" + FixJson + ".Name(\"" + x.Name + "\", options));");
            w.Line(Json + ".JsonSerializer.Serialize(writer, value." + Field(x) + ", options);");
        }
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
    }

    /// <summary>The repair of the cross-field requirement, applied to a value whose fields are each valid.</summary>
    private static void EmitAcross(SourceWriter w, TypeModel t)
    {
        string n = t.Name;
        w.Line("/// <summary>The requirement across fields, on a value whose fields are each valid: <paramref name=\"x\"/> itself when it");
        w.Line("/// meets <c>WhyAcross</c>, else " + (t.FixAcross ? "<c>FixAcross(x)</c> (or Default, should that still not be valid)" : "Default") + ".</summary>");
        w.Open("private static " + n + " __Across_(" + n + " x)");
        w.Line("if (WhyAcross(x) is null) return x;");
        if (t.FixAcross)
        {
            w.Line("var r = FixAcross(x);");
            w.Line("return IsValid(r) ? r : Default;");
        }
        else w.Line("return Default;");
        w.Close();
        w.Line();
    }

    /// <summary>Reject mode: a check of a whole value (its fields, then the requirement across them), for the type's
    /// Validate. Assignments check one field at a time, so only this can see a requirement across fields.</summary>
    private static void EmitChecked(SourceWriter w, TypeModel t)
    {
        string n = t.Name;
        w.Line(t.WhyAcross
            ? "/// <summary>This value, when it is valid; otherwise throws <c>Invalid</c> for the first field that is not, or for the property <c>WhyAcross</c> blames (initializers and <c>with</c> check one field at a time: call this where a whole value is needed).</summary>"
            : "/// <summary>This value, when it is valid; otherwise throws <c>Invalid</c> for the first field that is not (only values made without the checks can be invalid).</summary>");
        w.Open("private " + n + " Checked()");
        foreach (var x in t.Fields)
        {
            if (x.Valid == "true") continue;
            w.Line("if (!__Valid_" + x.Name + "(" + Field(x) + ")) throw Invalid(\"" + x.Name + "\", \"must be " + Escape(x.Describe) + ", got \" + " + FixJson + ".Show(" + Field(x) + "));");
        }
        if (t.WhyAcross) w.Line("if (WhyAcross(this) is { } __why) throw Invalid(__why.Item1, __why.Item2);");
        w.Line("return this;");
        w.Close();
        w.Line();
    }

    /// <summary>The code that brings a value with valid fields to one meeting the cross-field requirement.</summary>
    private static string Across(TypeModel t, string value) => t.WhyAcross ? "__Across_(" + value + ")" : value;

    internal static SourceWriter Header(string ns)
    {
        var w = new SourceWriter();
        w.Line("// <auto-generated/> by Helix.FixTypes");
        w.Line("#nullable enable");
        if (ns.Length > 0) w.Line("namespace " + ns + ";");
        w.Line();
        return w;
    }

    internal static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string Field(FieldModel x) => "__" + x.Name;

    private static string Fix(FieldModel x) => "__Fix_" + x.Name;

    /// <summary>What an assignment applies: the fix, or (FixPolicy.Reject) the check that throws.</summary>
    private static string Assign(TypeModel t, FieldModel x) => t.Reject ? "__Check_" + x.Name : Fix(x);

    internal static string Local(FieldModel x) => "__v" + x.Name;

    internal static string Param(FieldModel x) => "@" + char.ToLowerInvariant(x.Name[0]) + x.Name.Substring(1);
}
