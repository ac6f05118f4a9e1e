using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Helix.FixTypes.Model;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Pipeline;

/// <summary>The compilation-level inputs of every model: nullable context and references (compared by object: an edit
/// keeps them).</summary>
internal sealed class ReferencesKey : IEquatable<ReferencesKey>
{
    private readonly NullableContextOptions _nullable;
    private readonly MetadataReference[] _references;

    public ReferencesKey(Compilation c)
    {
        _nullable = c.Options.NullableContextOptions;
        _references = c.References.ToArray();
    }

    public bool Equals(ReferencesKey? other)
    {
        if (other is null || other._nullable != _nullable || other._references.Length != _references.Length) return false;
        for (int i = 0; i < _references.Length; i++)
            if (!ReferenceEquals(_references[i], other._references[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ReferencesKey);

    public override int GetHashCode() => _references.Length * 31 + (int)_nullable;
}

/// <summary>What every model depends on: each file's <see cref="TreeShape.Shape"/> and the compilation's references.
/// Unchanged strings are the same objects from run to run, so the comparison is a reference check per file.</summary>
internal sealed record GlobalKey(EquatableArray<string> Shapes, ReferencesKey References);

/// <summary>One attributed record declaration to parse: where it is (file, and its place among the declarations of
/// that name in the file) and the members of all its partial parts, which its model reads.</summary>
internal sealed record TypeKey(string FullName, int Tree, int Ordinal, EquatableArray<string> Parts);

/// <summary>The whole project's syntax summary, rebuilt on every run from the per-file shapes (cheap: no binding, and
/// the per-file work was cached).</summary>
internal sealed class ProjectIndex
{
    private ProjectIndex(GlobalKey global, ImmutableArray<TypeKey> keys)
    {
        Global = global;
        Keys = keys;
    }

    public GlobalKey Global { get; }

    public ImmutableArray<TypeKey> Keys { get; }

    public static ProjectIndex Build(ImmutableArray<TreeShape> trees, ReferencesKey references)
    {
        var ordered = trees.OrderBy(static t => t.Index).ToArray();
        var parts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in ordered)
            foreach (var r in t.Records)
            {
                if (!parts.TryGetValue(r.FullName, out var list)) parts[r.FullName] = list = new List<string>(1);
                list.Add(r.Members);
            }
        var keys = ImmutableArray.CreateBuilder<TypeKey>();
        foreach (var t in ordered)
        {
            Dictionary<string, int>? seen = null;
            foreach (var r in t.Records)
            {
                seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
                seen.TryGetValue(r.FullName, out int ordinal);
                seen[r.FullName] = ordinal + 1;
                if (r.Attributed) keys.Add(new TypeKey(r.FullName, t.Index, ordinal, parts[r.FullName].ToEquatable()));
            }
        }
        return new ProjectIndex(new GlobalKey(ordered.Select(static t => t.Shape).ToEquatable(), references), keys.ToImmutable());
    }
}
