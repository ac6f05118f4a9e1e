using System.CommandLine;
using System.Globalization;
using Helix.Attention;

namespace Helix.Bench.Slim;

/// <summary>The causal PerformerLM the SLiM benchmark trains (byte vocabulary, sinusoidal positions so nothing is tabled per position).</summary>
/// <param name="Dim">Width.</param>
/// <param name="Depth">Layers.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Features">FAVOR+ random features m.</param>
public sealed record SlimBenchModel(int Dim = 256, int Depth = 2, int Heads = 8, int Features = 256)
{
    /// <summary>Vocabulary of the benchmark model (bytes plus padding).</summary>
    public const int Vocab = 257;

    /// <summary>A fresh model for sequences up to <paramref name="length"/> tokens.</summary>
    public PerformerLM Build(int length) => new(new PerformerConfig
    {
        VocabSize = Vocab, Dim = Dim, Depth = Depth, Heads = Heads, Dropout = 0, MaxLength = length,
        Position = PositionKind.Sinusoidal, Causal = true,
        Attention = new AttentionConfig { NumFeatures = Features, Seed = 1 },
    });

    /// <summary>The shape as command-line arguments of <see cref="Options"/>.</summary>
    public string[] ToArgs() => new object[] { "--dim", Dim, "--depth", Depth, "--heads", Heads, "--features", Features }
        .Select(o => Convert.ToString(o, CultureInfo.InvariantCulture)!).ToArray();

    /// <summary>Options that set the shape (defaults: the benchmark's model).</summary>
    public static ShapeOptions Options() => new();

    /// <summary>The four shape options and their parsing.</summary>
    public sealed class ShapeOptions
    {
        readonly SlimBenchModel _d = new();
        readonly Option<int> _dim, _depth, _heads, _features;

        internal ShapeOptions()
        {
            _dim = new("--dim") { Description = "Model width.", DefaultValueFactory = _ => _d.Dim };
            _depth = new("--depth") { Description = "Layers.", DefaultValueFactory = _ => _d.Depth };
            _heads = new("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => _d.Heads };
            _features = new("--features") { Description = "FAVOR+ random features m.", DefaultValueFactory = _ => _d.Features };
        }

        /// <summary>The options, to add to a command.</summary>
        public IEnumerable<Option> All => new Option[] { _dim, _depth, _heads, _features };

        /// <summary>The shape given on the command line.</summary>
        public SlimBenchModel Parse(ParseResult p) => new(p.GetValue(_dim), p.GetValue(_depth), p.GetValue(_heads), p.GetValue(_features));
    }

    /// <summary>"3 layers, width 512, 8 heads, m = 256".</summary>
    public override string ToString() => $"{Depth} layers, width {Dim}, {Heads} heads, m = {Features}";
}
