using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Helix.FixTypes.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.FixTypes.Parsing;

/// <summary>Turns [FixType], [FixSum] and [RespectsEquiv] symbols into equatable models (no symbols kept).</summary>
internal static class FixTypeParser
{
    private const string Gen = "global::CsCheck.Gen";

    /// <summary>The model of the record declaration <paramref name="key"/> names in the compilation <paramref name="c"/>,
    /// or null when its attributes do not include [FixType] (from this declaration) or it is not a partial non-generic
    /// record (FIXT001 says why).</summary>
    public static TypeModel? ParseType(Compilation c, Pipeline.TypeKey key, CancellationToken ct)
    {
        var trees = ((Microsoft.CodeAnalysis.CSharp.CSharpCompilation)c).SyntaxTrees;
        if (key.Tree >= trees.Length) return null;
        var tree = trees[key.Tree];
        if (Pipeline.TreeShape.Locate(tree, key.FullName, key.Ordinal, ct) is not { } node) return null;
        if (c.GetSemanticModel(tree).GetDeclaredSymbol(node, ct) is not INamedTypeSymbol t) return null;
        foreach (var a in t.GetAttributes())
            if (a.AttributeClass is { } ac && SymbolFacts.IsNamed(ac, KnownNames.FixType) && a.ApplicationSyntaxReference is { } r
                && r.SyntaxTree == tree && node.Span.Contains(r.Span))
                return ParseType(t, node, a, ct);
        return null;
    }

    /// <summary>The model of the [FixType] record <paramref name="t"/> declared by <paramref name="node"/> with the
    /// attribute <paramref name="fixType"/>, or null when it is not a partial non-generic record.</summary>
    private static TypeModel? ParseType(INamedTypeSymbol t, Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax node, AttributeData fixType, CancellationToken ct)
    {
        if (!t.IsRecord || t.IsGenericType || t.IsStatic || !node.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword))) return null;
        if (t.ContainingType is { } c0 && HasGenericContainer(c0)) return null;
        var fields = new List<FieldModel>();
        var recursive = new List<bool>();
        foreach (var p in SymbolFacts.Fields(t))
        {
            ct.ThrowIfCancellationRequested();
            var code = Describe(p.Type, p, 0, t);
            string type = p.Type.ToDisplayString(SymbolFacts.Full);
            string dflt = code.Default;
            if (SymbolFacts.Attribute(p, KnownNames.Default) is { } da && da.ConstructorArguments.Length == 1)
                dflt = "(" + type + ")(" + Literal(da.ConstructorArguments[0]) + ")";
            else if (SymbolFacts.Attribute(p, KnownNames.DefaultFrom) is { } df && df.ConstructorArguments.Length == 1
                     && SymbolFacts.DefaultFrom(t, df.ConstructorArguments[0].Value as string) is { } from)
                dflt = "(" + type + ")(" + from + ")";
            fields.Add(new FieldModel(p.Name, type, Accessibility(p.DeclaredAccessibility), dflt, code.Fix, code.FixDeep, code.Valid,
                code.Describe, code.Gen, SymbolFacts.Has(p, KnownNames.JsonIgnore),
                p.SetMethod is null ? "" : p.SetMethod.IsInitOnly ? "init" : "set",
                p.Type is INamedTypeSymbol { IsReferenceType: true, NullableAnnotation: not NullableAnnotation.Annotated } nested && SymbolFacts.IsFixType(nested)
                    ? "(" + ValueCode.V + " is not null)" : code.Valid,
                p.IsRequired));
            recursive.Add(SymbolFacts.MentionsFixType(p.Type));
        }
        var across = AcrossHooks.Find(t);
        return new TypeModel(Namespace(t), Containers(t), t.Name, t.ToDisplayString(SymbolFacts.Full), FlatName(t), t.IsValueType,
            t.IsSealed, SymbolFacts.IsFixType(t.BaseType), recursive.Any(r => r), fields.ToEquatable(), recursive.ToEquatable(),
            Named(fixType, "OnInvalid") is int policy && policy == 1, across.Why, across.Fix);
    }

    /// <summary>The model of a [FixSum] record, or null when it is not an abstract partial record with cases.</summary>
    public static SumModel? ParseSum(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
    {
        if (ctx.TargetSymbol is not INamedTypeSymbol t || !t.IsRecord || !t.IsAbstract || t.IsValueType || t.IsGenericType || !IsPartial(ctx)) return null;
        if (t.ContainingType is { } c0 && HasGenericContainer(c0)) return null;
        var cases = SymbolFacts.Cases(t).ToList();
        if (cases.Count == 0) return null;
        int dflt = Math.Max(0, cases.FindIndex(c => SymbolFacts.Has(c, KnownNames.DefaultCase)));
        return new SumModel(Namespace(t), Containers(t), t.Name, t.ToDisplayString(SymbolFacts.Full), FlatName(t),
            cases.Select(c => c.Name).ToEquatable(), dflt);
    }

    /// <summary>The model of a [RespectsEquiv] method, or null when it is not static, returns nothing or has a parameter
    /// that is not a fixtype (FIXT006 reports that).</summary>
    public static RespectsEquivModel? ParseRespects(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
    {
        if (ctx.TargetSymbol is not IMethodSymbol m || !m.IsStatic || m.ReturnsVoid || m.Parameters.Length == 0 || m.IsGenericMethod) return null;
        if (m.DeclaredAccessibility is Microsoft.CodeAnalysis.Accessibility.Private or Microsoft.CodeAnalysis.Accessibility.Protected) return null;
        if (m.Parameters.Any(p => !SymbolFacts.IsFixType(p.Type) || p.RefKind != RefKind.None)) return null;
        var owner = m.ContainingType;
        return new RespectsEquivModel(owner.ToDisplayString(SymbolFacts.Full), m.Name, FlatName(owner) + "_" + m.Name,
            m.Parameters.Select(p => ((INamedTypeSymbol)p.Type).WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolFacts.Full)).ToEquatable(),
            m.Parameters.Select(p => GenClass((INamedTypeSymbol)p.Type)).ToEquatable(),
            m.ReturnType.ToDisplayString(SymbolFacts.Full));
    }

    /// <summary>The fully qualified name of the generated CsCheck generator class of a fixtype.</summary>
    public static string GenClass(INamedTypeSymbol t)
    {
        var ns = Namespace(t);
        return "global::" + (ns.Length == 0 ? "" : ns + ".") + FlatName(t) + "Gen";
    }

    private static bool IsPartial(GeneratorAttributeSyntaxContext ctx) =>
        ctx.TargetNode is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax d && d.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword));

    private static bool HasGenericContainer(INamedTypeSymbol? c)
    {
        for (; c is not null; c = c.ContainingType)
            if (c.IsGenericType) return true;
        return false;
    }

    private static string Namespace(INamedTypeSymbol t) => t.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";

    private static string FlatName(INamedTypeSymbol t)
    {
        var s = t.Name;
        for (var c = t.ContainingType; c is not null; c = c.ContainingType) s = c.Name + s;
        return s;
    }

    private static EquatableArray<string> Containers(INamedTypeSymbol t)
    {
        var list = new List<string>();
        for (var c = t.ContainingType; c is not null; c = c.ContainingType)
        {
            string kind = c.IsRecord ? (c.IsValueType ? "record struct" : "record") : c.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
            list.Insert(0, (c.IsStatic ? "static " : "") + "partial " + kind + " " + c.Name);
        }
        return list.ToEquatable();
    }

    private static string Accessibility(Accessibility a) => a switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>The code of values of type <paramref name="type"/>; the property's attributes constrain the innermost
    /// scalar (a list's elements, a map's values, an option's value).</summary>
    private static ValueCode Describe(ITypeSymbol type, IPropertySymbol prop, int depth, INamedTypeSymbol owner)
    {
        string ty = type.ToDisplayString(SymbolFacts.Full);
        string e = "e" + depth.ToString(CultureInfo.InvariantCulture);

        // Option of a value type.
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nt)
        {
            var inner = Describe(nt.TypeArguments[0], prop, depth + 1, owner);
            string iv = ValueCode.V + ".Value";
            return new ValueCode(
                inner.FixIsIdentity ? ValueCode.V : "(" + ValueCode.V + ".HasValue ? (" + ty + ")" + ValueCode.Apply(inner.Fix, iv) + " : null)",
                inner.FixDeepIsIdentity ? ValueCode.V : "(" + ValueCode.V + ".HasValue ? (" + ty + ")" + ValueCode.Apply(inner.FixDeep, iv) + " : null)",
                inner.AlwaysValid ? "true" : "(!" + ValueCode.V + ".HasValue || " + ValueCode.Apply(inner.Valid, iv) + ")",
                "null or " + inner.Describe,
                Gen + ".Frequency<" + ty + ">((1, " + Gen + ".Const<" + ty + ">((" + ty + ")null)), (3, " + inner.Gen + ".Select(static x => (" + ty + ")x)))",
                "null");
        }

        // Option of a reference type.
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            var inner = Describe(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), prop, depth + 1, owner);
            return new ValueCode(
                inner.FixIsIdentity ? ValueCode.V : "(" + ValueCode.V + " is null ? null : " + inner.Fix + ")",
                inner.FixDeepIsIdentity ? ValueCode.V : "(" + ValueCode.V + " is null ? null : " + inner.FixDeep + ")",
                inner.AlwaysValid ? "true" : "(" + ValueCode.V + " is null || " + inner.Valid + ")",
                "null or " + inner.Describe,
                Gen + ".Frequency<" + ty + ">((1, " + Gen + ".Const<" + ty + ">((" + ty + ")null)), (3, " + inner.Gen + ".Select(static x => (" + ty + ")x)))",
                "null");
        }

        if (type is INamedTypeSymbol list && SymbolFacts.IsGeneric(list, KnownNames.FixList))
        {
            var inner = Describe(list.TypeArguments[0], prop, depth + 1, owner);
            string empty = ty + ".Empty";
            string nn = "(" + ValueCode.V + " ?? " + empty + ")";
            return new ValueCode(
                inner.FixIsIdentity ? nn : nn + ".Map(static " + e + " => " + ValueCode.Apply(inner.Fix, e) + ")",
                inner.FixDeepIsIdentity ? nn : nn + ".Map(static " + e + " => " + ValueCode.Apply(inner.FixDeep, e) + ")",
                inner.AlwaysValid ? "(" + ValueCode.V + " is not null)" : "(" + ValueCode.V + " is not null && " + ValueCode.V + ".All(static " + e + " => " + ValueCode.Apply(inner.Valid, e) + "))",
                "a list of " + inner.Describe,
                Gen + ".Frequency<" + ty + ">((1, " + Gen + ".Const<" + ty + ">((" + ty + ")null!)), (6, " + inner.Gen + ".Array[0, 4].Select(static a => " + ty + ".Of(a))))",
                empty);
        }

        if (type is INamedTypeSymbol map && SymbolFacts.IsGeneric(map, KnownNames.FixMap))
        {
            var k = map.TypeArguments[0];
            var inner = Describe(map.TypeArguments[1], prop, depth + 1, owner);
            string kt = k.ToDisplayString(SymbolFacts.Full);
            string keyValid = "null", keyFix = "null", drop = "false", keyDescribe = "";
            if (SymbolFacts.Attribute(prop, KnownNames.MapKeys) is { } mk && mk.ConstructorArguments.Length == 2 && mk.ConstructorArguments[0].Value is ITypeSymbol kf)
            {
                string f = kf.ToDisplayString(SymbolFacts.Full);
                keyValid = "static " + e + "k => " + f + ".IsValid(" + e + "k)";
                keyFix = "static " + e + "k => " + f + ".Fix(" + e + "k)";
                drop = mk.ConstructorArguments[1].Value is int pol && pol == 1 ? "true" : "false";
                keyDescribe = " with keys valid for " + kf.Name;
            }
            else if (SymbolFacts.IsFixType(k))
            {
                keyValid = "static " + e + "k => " + kt + ".IsValid(" + e + "k)";
                keyFix = "static " + e + "k => " + kt + ".Fix(" + e + "k)";
                keyDescribe = " with valid keys";
            }
            string empty = ty + ".Empty";
            string nn = "(" + ValueCode.V + " ?? " + empty + ")";
            string valueFix = inner.FixIsIdentity ? "null" : "static " + e + " => " + ValueCode.Apply(inner.Fix, e);
            string valueFixDeep = inner.FixDeepIsIdentity ? "null" : "static " + e + " => " + ValueCode.Apply(inner.FixDeep, e);
            string valueValid = inner.AlwaysValid ? "null" : "static " + e + " => " + ValueCode.Apply(inner.Valid, e);
            bool identity = keyValid == "null" && inner.FixIsIdentity;
            bool identityDeep = keyValid == "null" && inner.FixDeepIsIdentity;
            var kcode = Describe(k.WithNullableAnnotation(NullableAnnotation.NotAnnotated), prop, 99, owner);
            return new ValueCode(
                identity ? nn : nn + ".Map(" + keyValid + ", " + keyFix + ", " + drop + ", " + valueFix + ")",
                identityDeep ? nn : nn + ".Map(" + keyValid + ", " + keyFix + ", " + drop + ", " + valueFixDeep + ")",
                keyValid == "null" && inner.AlwaysValid ? "(" + ValueCode.V + " is not null)" : "(" + ValueCode.V + " is not null && " + ValueCode.V + ".All(" + keyValid + ", " + valueValid + "))",
                "a map of " + inner.Describe + keyDescribe,
                Gen + ".Frequency<" + ty + ">((1, " + Gen + ".Const<" + ty + ">((" + ty + ")null!)), (6, " + Gen + ".Select(" + (k.SpecialType == SpecialType.System_String ? KeyStringGen : PlainGen(k, kt)) + ", " + inner.Gen + ").Array[0, 4].Select(static a => " + ty + ".Of(a))))",
                empty);
        }

        // A nested fixtype.
        if (type is INamedTypeSymbol nested && SymbolFacts.IsFixType(nested))
        {
            bool inSource = nested.Locations.Any(l => l.IsInSource);
            bool rec = true;   // any nested fixtype may close a cycle: generators bound the depth
            string gen = inSource ? GenClass(nested) + ".RawAt(" + (rec ? "{d} - 1" : "{d}") + ")" : Gen + ".Const<" + ty + ">(" + ty + ".Default)";
            if (rec) gen = "({d} <= 0 ? " + Gen + ".Const<" + ty + ">(" + ty + ".Default) : " + gen + ")";
            return new ValueCode(
                nested.IsValueType ? ty + ".Fix(" + ValueCode.V + ")" : "(" + ValueCode.V + " ?? " + ty + ".Default)",
                ty + ".Fix(" + ValueCode.V + ")",
                ty + ".IsValid(" + ValueCode.V + ")",
                "a valid " + nested.Name,
                gen,
                ty + ".Default");
        }

        // A custom base type: [FixWith] on the property, or [FixBase] on the type.
        var fixer = (SymbolFacts.Attribute(prop, KnownNames.FixWith) ?? SymbolFacts.Attribute(type, KnownNames.FixBase))?.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol;
        if (fixer is not null)
        {
            string f = fixer.ToDisplayString(SymbolFacts.Full);
            string what = fixer.GetMembers("Description").OfType<IFieldSymbol>().FirstOrDefault(m => m.IsConst)?.ConstantValue as string ?? "valid for " + fixer.Name;
            return new ValueCode(f + ".Fix(" + ValueCode.V + ")", f + ".Fix(" + ValueCode.V + ")", f + ".IsValid(" + ValueCode.V + ")",
                what, PlainGen(type, ty), f + ".Fix(" + DefaultOf(type, ty) + ")");
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            if (SymbolFacts.Attribute(prop, KnownNames.Str) is { } sa)
            {
                bool trim = Named(sa, "Trim") is bool b && b;
                int cs = Named(sa, "Case") is int ci ? ci : 0;
                int form = Named(sa, "Form") is int fi ? fi : 0;
                int max = Named(sa, "MaxLength") is int mi ? mi : 0;
                string args = ", " + (trim ? "true" : "false") + ", (global::Helix.FixTypes.StrCase)" + cs + ", (global::Helix.FixTypes.StrForm)" + form + ", " + max + ")";
                var what = new List<string>();
                if (form != 0) what.Add("Unicode form " + new[] { "", "C", "D", "KC", "KD" }[form]);
                if (trim) what.Add("trimmed");
                if (cs == 1) what.Add("lower case");
                if (cs == 2) what.Add("upper case");
                if (max > 0) what.Add("at most " + max + " characters");
                return new ValueCode("global::Helix.FixTypes.FixString.Normalize(" + ValueCode.V + args,
                    "global::Helix.FixTypes.FixString.Normalize(" + ValueCode.V + args,
                    "global::Helix.FixTypes.FixString.IsNormal(" + ValueCode.V + args,
                    "a string (" + string.Join(", ", what) + ")", StringGen, "\"\"");
            }
            return new ValueCode("(" + ValueCode.V + " ?? \"\")", "(" + ValueCode.V + " ?? \"\")", "(" + ValueCode.V + " is not null)",
                "a string (not null)", StringGen, "\"\"");
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol en)
        {
            var members = en.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
            var under = en.EnumUnderlyingType!.ToDisplayString(SymbolFacts.Full);
            string valid;
            bool flags = SymbolFacts.Has(en, "System.FlagsAttribute");
            if (members.Count == 0) valid = "(" + ValueCode.V + " == default)";
            else if (flags)
            {
                ulong all = 0;
                foreach (var m in members) all |= Convert.ToUInt64(m.ConstantValue, CultureInfo.InvariantCulture);
                valid = "((unchecked((ulong)(" + under + ")" + ValueCode.V + ") & ~" + all.ToString(CultureInfo.InvariantCulture) + "UL) == 0)";
            }
            else valid = "(" + ValueCode.V + " is " + string.Join(" or ", members.Select(m => ty + "." + m.Name)) + ")";
            string target = SymbolFacts.Attribute(prop, KnownNames.Default) is { } da && da.ConstructorArguments.Length == 1
                ? "(" + ty + ")(" + Literal(da.ConstructorArguments[0]) + ")"
                : members.Count > 0 ? ty + "." + members[0].Name : "default(" + ty + ")";
            long lo = members.Count == 0 ? 0 : members.Min(m => Convert.ToInt64(m.ConstantValue, CultureInfo.InvariantCulture));
            long hi = members.Count == 0 ? 0 : members.Max(m => Convert.ToInt64(m.ConstantValue, CultureInfo.InvariantCulture));
            string fix = "(" + valid + " ? " + ValueCode.V + " : " + target + ")";
            return new ValueCode(fix, fix, valid, "one of " + string.Join(", ", members.Select(m => m.Name)),
                Gen + ".Long[" + (lo - 2) + "L, " + (hi + 2) + "L].Select(static x => unchecked((" + ty + ")x))", target);
        }

        if (IsInteger(type.SpecialType))
        {
            bool unsigned = type.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Char;
            string baseGen = Gen + ".Long.Select(static x => unchecked((" + ty + ")x))";
            if (SymbolFacts.Attribute(prop, KnownNames.Range) is { } ra && ra.ConstructorArguments.Length == 2)
            {
                string lo = Literal(ra.ConstructorArguments[0]), hi = Literal(ra.ConstructorArguments[1]);
                string l = "((" + ty + ")" + lo + ")", h = "((" + ty + ")" + hi + ")";
                bool wrap = Named(ra, "Mode") is int mode && mode == 1;
                string fix = wrap
                    ? "((" + ty + ")global::Helix.FixTypes.FixNumber.Wrap(" + ValueCode.V + ", " + lo + ", " + hi + "))"
                    : "(" + ValueCode.V + " < " + l + " ? " + l + " : " + ValueCode.V + " > " + h + " ? " + h + " : " + ValueCode.V + ")";
                return new ValueCode(fix, fix, "(" + ValueCode.V + " >= " + l + " && " + ValueCode.V + " <= " + h + ")",
                    RangeText(lo.TrimEnd('L'), hi.TrimEnd('L'), IsMax(type.SpecialType, ra.ConstructorArguments[1].Value)),
                    Gen + ".Frequency<long>((3, " + Gen + ".Long[" + lo + ", " + hi + "]), (1, " + Gen + ".Long)).Select(static x => unchecked((" + ty + ")x))",
                    "default(" + ty + ")");
            }
            if (SymbolFacts.Attribute(prop, KnownNames.Bits) is { } ba && ba.ConstructorArguments.Length == 1 && ba.ConstructorArguments[0].Value is int w)
            {
                w = Math.Max(1, Math.Min(63, w));
                long mask = (1L << w) - 1;
                string gen = Gen + ".Frequency<long>((3, " + Gen + ".Long[" + (-(mask / 2) - 1) + "L, " + mask + "L]), (1, " + Gen + ".Long)).Select(static x => unchecked((" + ty + ")x))";
                if (Named(ba, "Signed") is bool sg && sg)
                {
                    string fix = "unchecked((" + ty + ")global::Helix.FixTypes.FixNumber.SignExtend(unchecked((long)" + ValueCode.V + "), " + w + "))";
                    return new ValueCode(fix, fix, "(" + fix + " == " + ValueCode.V + ")", "a " + w + "-bit signed integer", gen, "default(" + ty + ")");
                }
                string ufix = "unchecked((" + ty + ")(unchecked((long)" + ValueCode.V + ") & " + mask + "L))";
                return new ValueCode(ufix, ufix, "((unchecked((long)" + ValueCode.V + ") & ~" + mask + "L) == 0)",
                    "a " + w + "-bit unsigned integer (0 to " + mask + ")", gen, "default(" + ty + ")");
            }
            if (SymbolFacts.Has(prop, KnownNames.Nat) && !unsigned)
            {
                string fix = "(" + ValueCode.V + " < 0 ? (" + ty + ")0 : " + ValueCode.V + ")";
                return new ValueCode(fix, fix, "(" + ValueCode.V + " >= 0)", "a natural number (0 or more)",
                    Gen + ".Frequency<long>((2, " + Gen + ".Long[-8, 8]), (1, " + Gen + ".Long)).Select(static x => unchecked((" + ty + ")x))",
                    "default(" + ty + ")");
            }
            return Identity(ty, baseGen);
        }

        if (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single)
        {
            string g = type.SpecialType == SpecialType.System_Double ? Gen + ".Double" : Gen + ".Float";
            if (SymbolFacts.Attribute(prop, KnownNames.Range) is { } ra && ra.ConstructorArguments.Length == 2)
            {
                string lo = Literal(ra.ConstructorArguments[0]), hi = Literal(ra.ConstructorArguments[1]);
                string fix = "((" + ty + ")global::Helix.FixTypes.FixNumber.Clamp(" + ValueCode.V + ", " + lo + ", " + hi + "))";
                return new ValueCode(fix, fix, "(" + ValueCode.V + " >= " + lo + " && " + ValueCode.V + " <= " + hi + ")",
                    RangeText(lo.TrimEnd('L'), hi.TrimEnd('L'), ra.ConstructorArguments[1].Value is double dh && (double.IsPositiveInfinity(dh) || dh == double.MaxValue)),
                    Gen + ".Frequency<" + ty + ">((3, " + g + "[(" + ty + ")" + lo + ", (" + ty + ")" + hi + "]), (1, " + g + "))", "default(" + ty + ")");
            }
            return Identity(ty, g);
        }

        if (type.SpecialType == SpecialType.System_Boolean) return Identity(ty, Gen + ".Bool");
        return Identity(ty, PlainGen(type, ty));
    }

    /// <summary>"between 1 and 64", or "at least 1" when the high bound is the type's largest value.</summary>
    private static string RangeText(string lo, string hi, bool open) => open ? "at least " + lo : "between " + lo + " and " + hi;

    /// <summary>Whether an integer attribute argument is the largest value of the field's type.</summary>
    private static bool IsMax(SpecialType s, object? value)
    {
        if (value is not long v) return false;
        return s switch
        {
            SpecialType.System_SByte => v >= sbyte.MaxValue,
            SpecialType.System_Byte => v >= byte.MaxValue,
            SpecialType.System_Int16 => v >= short.MaxValue,
            SpecialType.System_UInt16 => v >= ushort.MaxValue,
            SpecialType.System_Int32 => v >= int.MaxValue,
            SpecialType.System_UInt32 => v >= uint.MaxValue,
            _ => v == long.MaxValue,
        };
    }

    private static ValueCode Identity(string ty, string gen) =>
        new(ValueCode.V, ValueCode.V, "true", "any " + ty.Replace("global::", ""), gen, "default(" + ty + ")!");

    private const string StringGen = Gen + ".OneOf<string>(" + Gen + ".String, " + Gen + ".String.Select(static s => \" \" + s.ToUpperInvariant() + \"\\t\"), "
        + Gen + ".Const(\"Cafe\\u0301 \"), " + Gen + ".Const<string>((string)null!))";

    private const string KeyStringGen = Gen + ".OneOf<string>(" + Gen + ".String, " + Gen + ".String.Select(static s => s.ToUpperInvariant()), " + Gen + ".Const(\"\"))";

    private static string PlainGen(ITypeSymbol type, string ty)
    {
        if (IsInteger(type.SpecialType)) return Gen + ".Long.Select(static x => unchecked((" + ty + ")x))";
        return type.SpecialType switch
        {
            SpecialType.System_Double => Gen + ".Double",
            SpecialType.System_Single => Gen + ".Float",
            SpecialType.System_Boolean => Gen + ".Bool",
            SpecialType.System_String => StringGen,
            _ => Gen + ".Const<" + ty + ">(default(" + ty + ")!)",
        };
    }

    private static string DefaultOf(ITypeSymbol type, string ty) => type.SpecialType == SpecialType.System_String ? "\"\"" : "default(" + ty + ")!";

    private static bool IsInteger(SpecialType s) => s is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
        or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static object? Named(AttributeData a, string name)
    {
        foreach (var kv in a.NamedArguments)
            if (kv.Key == name) return kv.Value.Value;
        return null;
    }

    /// <summary>A C# literal for an attribute argument.</summary>
    private static string Literal(TypedConstant c)
    {
        switch (c.Value)
        {
            case null: return "null";
            case double d:
                if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
                if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
                if (double.IsNaN(d)) return "double.NaN";
                var s = d.ToString("R", CultureInfo.InvariantCulture);
                return s.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? s : s + ".0";
            case long l: return l.ToString(CultureInfo.InvariantCulture) + "L";
            default:
                if (c.Type?.TypeKind == TypeKind.Enum)
                    return "(" + c.Type.ToDisplayString(SymbolFacts.Full) + ")(" + Convert.ToInt64(c.Value, CultureInfo.InvariantCulture) + ")";
                return c.ToCSharpString();
        }
    }
}
