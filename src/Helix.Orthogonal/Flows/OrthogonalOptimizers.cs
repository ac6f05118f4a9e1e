using TorchSharp.Modules;

namespace Helix.Orthogonal;

/// <summary>Creates the orthogonal optimizers by name: <c>givens</c>, <c>expm</c>, <c>cayley</c>, <c>qr</c>, <c>cwy-adam</c>.</summary>
public static class OrthogonalOptimizers
{
    /// <summary>The names, Givens flow first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["givens", "expm", "cayley", "qr", "cwy-adam"];

    /// <summary>The optimizer <paramref name="name"/> over <paramref name="parameters"/>.</summary>
    public static IOrthogonalOptimizer Create(string name, IEnumerable<Parameter> parameters, double lr,
        MatchingKind matching = MatchingKind.UniformRandom, double momentum = 0, long seed = 0) => name.ToLowerInvariant() switch
    {
        "givens" => new GivensFlow(parameters, lr, matching, momentum, seed: seed),
        "expm" => new RiemannianDescent(parameters, lr, RetractionKind.Exp),
        "cayley" => new RiemannianDescent(parameters, lr, RetractionKind.Cayley),
        "qr" => new RiemannianDescent(parameters, lr, RetractionKind.Qr),
        "cwy-adam" => new CwyAdam(parameters, lr, seed),
        _ => throw new ArgumentException($"unknown orthogonal optimizer '{name}'; expected one of {string.Join(", ", Names)}", nameof(name)),
    };
}
