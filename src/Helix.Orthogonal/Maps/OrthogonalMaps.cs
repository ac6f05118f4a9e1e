using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>Creates maps by kind or name, and measures orthogonality.</summary>
public static class OrthogonalMaps
{
    /// <summary>The map of <paramref name="kind"/>.</summary>
    public static IOrthogonalMap Create(OrthogonalMapKind kind) => kind switch
    {
        OrthogonalMapKind.Cwy => new CwyMap(),
        OrthogonalMapKind.Householder => new SequentialHouseholderMap(),
        OrthogonalMapKind.HouseholderProduct => new HouseholderProductMap(),
        OrthogonalMapKind.MatrixExp => new MatrixExpMap(),
        OrthogonalMapKind.Cayley => new CayleyMap(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown orthogonal map"),
    };

    /// <summary>Every kind, in benchmark order.</summary>
    public static IReadOnlyList<OrthogonalMapKind> All { get; } = Enum.GetValues<OrthogonalMapKind>();

    /// <summary>The kind named <paramref name="name"/> (<c>cwy</c>, <c>householder</c>, <c>householder-product</c>,
    /// <c>expm</c>, <c>cayley</c>); throws <see cref="ArgumentException"/> listing the names otherwise.</summary>
    public static OrthogonalMapKind Parse(string name)
    {
        foreach (var kind in All)
            if (string.Equals(Create(kind).Name, name, StringComparison.OrdinalIgnoreCase)) return kind;
        throw new ArgumentException($"unknown orthogonal map '{name}'; expected one of {string.Join(", ", All.Select(k => Create(k).Name))}", nameof(name));
    }

    /// <summary>max |QᵀQ − I| over all entries and batch elements, for Q of shape (…, N, M).</summary>
    public static double OrthogonalityError(Tensor q)
    {
        using var _ = NewDisposeScope();
        using var noGrad = no_grad();
        var m = q.shape[^1];
        var gram = matmul(q.transpose(-2, -1), q);
        return (gram - eye(m, dtype: q.dtype, device: q.device)).abs().max().to_type(ScalarType.Float64).item<double>();
    }
}
