using Helix.Attention;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Inference;

/// <summary>A filled-in sequence: the letters predicted at the masked positions and their probabilities.</summary>
/// <param name="Sequence">The input with each mask replaced by the most likely residue.</param>
/// <param name="Positions">The 0-based masked positions.</param>
/// <param name="Top">For each masked position, the most likely residues and their probabilities, best first.</param>
public sealed record FillResult(string Sequence, IReadOnlyList<int> Positions, IReadOnlyList<IReadOnlyList<(char Residue, double Probability)>> Top);

/// <summary>The pseudo-log-likelihood of a sequence: Σᵢ ln p(xᵢ | x with i masked).</summary>
/// <param name="PseudoLogLikelihood">The sum in nats.</param>
/// <param name="PerResidue">ln p(xᵢ | rest) of each residue.</param>
public sealed record ScoreResult(double PseudoLogLikelihood, IReadOnlyList<double> PerResidue)
{
    /// <summary>exp(−PLL / n): the pseudo-perplexity.</summary>
    public double PseudoPerplexity => Math.Exp(-PseudoLogLikelihood / Math.Max(1, PerResidue.Count));
}

/// <summary>
/// A trained protein masked-LM loaded from a checkpoint, in eval mode: fills masked positions, scores sequences by
/// pseudo-log-likelihood, and embeds them. Sequences longer than the model's window are processed in windows.
/// </summary>
public sealed class ProteinLanguageModel : IDisposable
{
    /// <summary>Characters that mark a position to fill.</summary>
    public const string MaskCharacters = "?_";

    readonly PerformerLM _model;

    /// <summary>The model's shape.</summary>
    public ProteinModelConfig Config { get; }
    /// <summary>The underlying module.</summary>
    public PerformerLM Module => _model;

    ProteinLanguageModel(PerformerLM model, ProteinModelConfig config) { _model = model; Config = config; _model.eval(); }

    /// <summary>Wraps a model in memory (e.g. straight after training).</summary>
    public static ProteinLanguageModel From(PerformerLM model, ProteinModelConfig config) => new(model, config);

    /// <summary>Loads a checkpoint written by <c>helix protein train</c>.</summary>
    public static ProteinLanguageModel Load(string checkpointPath)
    {
        var header = CheckpointFile.ReadHeader(checkpointPath);
        var node = header.Config?["model"] ?? throw new InvalidDataException($"{checkpointPath}: not a protein model checkpoint (its config has no 'model').");
        var config = ProteinModelConfig.FromJson(node);   // the model part of Jobs.ProteinRunConfig (inference needs no data settings)
        var model = new PerformerLM(config.ToPerformerConfig());
        CheckpointFile.Load(checkpointPath, model);
        return new ProteinLanguageModel(model, config);
    }

    /// <summary>Replaces each '?' or '_' in <paramref name="masked"/> by the most likely residue given the rest.</summary>
    public FillResult Fill(string masked, int top = 3)
    {
        var positions = new List<int>();
        var tokens = new long[masked.Length];
        for (int i = 0; i < masked.Length; i++)
        {
            if (MaskCharacters.Contains(masked[i])) { tokens[i] = ProteinTokenizer.Mask; positions.Add(i); }
            else if (char.IsAsciiLetter(masked[i])) tokens[i] = ProteinTokenizer.Encode(masked[i]);
            else throw new ArgumentException($"position {i + 1}: '{masked[i]}' is neither a residue letter nor a mask ('?' or '_').");
        }
        if (positions.Count == 0) throw new ArgumentException("the sequence has no masked position; mark positions to fill with '?'.");
        using var scope = NewDisposeScope();
        var probs = Windowed(tokens, hidden: false).softmax(-1);   // [n, V]
        var letters = masked.ToCharArray();
        var tops = new List<IReadOnlyList<(char, double)>>();
        foreach (int i in positions)
        {
            var p = probs[i].data<float>().ToArray();
            var ranked = Enumerable.Range(ProteinTokenizer.FirstResidue, ProteinTokenizer.VocabSize - ProteinTokenizer.FirstResidue)
                .OrderByDescending(t => p[t]).Take(top).Select(t => (ProteinTokenizer.Decode(t), (double)p[t])).ToList();
            letters[i] = ranked[0].Item1;
            tops.Add(ranked);
        }
        return new FillResult(new string(letters), positions, tops);
    }

    /// <summary>
    /// Pseudo-log-likelihood: each residue masked alone, ln p(true residue | the rest) summed. Residue i is read from
    /// the window of the model's length centred on it (clamped to the framed sequence), so the scores depend on the
    /// sequence only, never on the batching. Many masked copies run per forward pass, as many as
    /// <see cref="ScoreOptions.TokensPerPass"/> allows; <paramref name="progress"/> hears after each pass.
    /// </summary>
    public ScoreResult Score(string sequence, ScoreOptions? options = null, IProgress<ScoreProgress>? progress = null, CancellationToken cancel = default)
    {
        options = (options ?? new ScoreOptions()).Validate();
        var (tokens, _) = ProteinTokenizer.Encode(sequence);
        if (tokens.Length == 0) throw new ArgumentException("empty sequence");
        var framed = Frame(tokens);
        int n = tokens.Length, L = Math.Min(Config.MaxLength, framed.Length);
        int perPass = Math.Clamp(options.TokensPerPass / L, 1, n);
        if (options.BatchSize > 0) perPass = Math.Min(perPass, options.BatchSize);
        var perResidue = new double[n];
        using var noGrad = no_grad();
        for (int first = 0; first < n; first += perPass)
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int count = Math.Min(perPass, n - first);
            var rows = new long[count * L];
            var at = new long[count];
            var truth = new long[count];
            for (int r = 0; r < count; r++)
            {
                int position = first + r + 1;   // in the framed sequence (BOS first)
                int start = Math.Clamp(position - L / 2, 0, framed.Length - L);
                Array.Copy(framed, start, rows, r * L, L);
                rows[r * L + position - start] = ProteinTokenizer.Mask;
                at[r] = position - start;
                truth[r] = tokens[first + r];
            }
            var input = tensor(rows, new long[] { count, L });
            var positions = tensor(at);
            var logits = options.FullForward
                ? _model.call(input, null).gather(1, positions.view(-1, 1, 1).expand(-1, 1, ProteinTokenizer.VocabSize)).squeeze(1)
                : _model.LogitsAt(input, null, positions);
            var picked = logits.log_softmax(-1).gather(1, tensor(truth).unsqueeze(1)).squeeze(1).to(ScalarType.Float64).data<double>();
            picked.CopyTo(perResidue, first);
            progress?.Report(new ScoreProgress(first + count, n));
        }
        return new ScoreResult(perResidue.Sum(), perResidue);
    }

    /// <summary>
    /// Grouped pseudo-log-likelihood of whole proteins that fit one window (at most the model's length − 2 residues):
    /// for each protein, <paramref name="spacing"/> copies, copy j hiding every residue at positions ≡ j (mod
    /// <paramref name="spacing"/>), so each residue is scored once with about 1/spacing of the protein masked (close
    /// to the training masking at spacing 7). All copies of all proteins run in batches of <paramref name="batchRows"/>
    /// rows. Returns Σᵢ ln p(xᵢ | copy) per protein. Spacing ≥ the protein length is the exact PLL.
    /// </summary>
    public double[] GroupedPseudoLogLikelihoods(IReadOnlyList<byte[]> proteins, int spacing, int batchRows = 64)
    {
        if (spacing < 1) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be ≥ 1");
        if (batchRows < 1) throw new ArgumentOutOfRangeException(nameof(batchRows), batchRows, "batch rows must be ≥ 1");
        var rows = new List<(int Protein, int Group)>();
        for (int p = 0; p < proteins.Count; p++)
        {
            int n = proteins[p].Length;
            if (n == 0 || n + 2 > Config.MaxLength) throw new ArgumentException($"protein {p} has {n} residues; it must have 1 to {Config.MaxLength - 2}");
            for (int g = 0; g < Math.Min(spacing, n); g++) rows.Add((p, g));
        }
        var totals = new double[proteins.Count];
        using var noGrad = no_grad();
        for (int start = 0; start < rows.Count; start += batchRows)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batchRows, rows.Count - start);
            int width = 0;
            for (int r = 0; r < count; r++) width = Math.Max(width, proteins[rows[start + r].Protein].Length + 2);
            var tokens = new long[count * width];
            var padding = new bool[count * width];
            var targets = new List<(int Row, int Position, int Protein, long Truth)>();
            for (int r = 0; r < count; r++)
            {
                var (p, g) = rows[start + r];
                var residues = proteins[p];
                int framed = residues.Length + 2;
                for (int j = 0; j < width; j++)
                {
                    int at = r * width + j;
                    if (j >= framed) { padding[at] = true; continue; }
                    tokens[at] = j == 0 ? ProteinTokenizer.Bos : j == framed - 1 ? ProteinTokenizer.Eos : residues[j - 1];
                    if (j > 0 && j < framed - 1 && (j - 1) % spacing == g)
                    {
                        targets.Add((r, j, p, tokens[at]));
                        tokens[at] = ProteinTokenizer.Mask;
                    }
                }
            }
            var x = tensor(tokens, new long[] { count, width });
            var pad = padding.Contains(true) ? tensor(padding, new long[] { count, width }) : null;
            var logProbs = _model.call(x, pad).log_softmax(-1).reshape(-1, ProteinTokenizer.VocabSize);
            var index = tensor(targets.Select(t => (long)(t.Row * width + t.Position)).ToArray());
            var truth = tensor(targets.Select(t => t.Truth).ToArray());
            var picked = logProbs.index_select(0, index).gather(1, truth.unsqueeze(1)).squeeze(1).to(ScalarType.Float64).data<double>().ToArray();
            for (int t = 0; t < targets.Count; t++) totals[targets[t].Protein] += picked[t];
        }
        return totals;
    }

    /// <summary>Per-residue embeddings [n, D] (final-norm hidden states, BOS and EOS dropped) and their mean [D].</summary>
    public (float[] PerResidue, float[] Mean) Embed(string sequence)
    {
        var (tokens, _) = ProteinTokenizer.Encode(sequence);
        if (tokens.Length == 0) throw new ArgumentException("empty sequence");
        using var scope = NewDisposeScope();
        var h = Windowed(tokens.Select(t => (long)t).ToArray(), hidden: true);   // [n, D]
        return (h.contiguous().data<float>().ToArray(), h.mean(new long[] { 0 }).data<float>().ToArray());
    }

    static long[] Frame(byte[] tokens) => Frame(tokens.Select(t => (long)t).ToArray());

    static long[] Frame(long[] tokens)
    {
        var framed = new long[tokens.Length + 2];
        framed[0] = ProteinTokenizer.Bos;
        tokens.CopyTo(framed, 1);
        framed[^1] = ProteinTokenizer.Eos;
        return framed;
    }

    /// <summary>Logits [n, V] or hidden states [n, D] of residues <paramref name="tokens"/>, framed and cut into windows of the model's length.</summary>
    Tensor Windowed(long[] tokens, bool hidden)
    {
        var framed = Frame(tokens);
        int L = Config.MaxLength;
        var parts = new List<Tensor>();
        using var noGrad = no_grad();
        for (int s = 0; s < framed.Length; s += L)
        {
            int n = Math.Min(L, framed.Length - s);
            var x = tensor(framed.AsSpan(s, n).ToArray(), new long[] { 1, n });
            parts.Add((hidden ? _model.Hidden(x, null) : _model.call(x, null))[0]);
        }
        var all = cat(parts, 0);
        return all.narrow(0, 1, tokens.Length);
    }

    /// <summary>Frees the model.</summary>
    public void Dispose() => _model.Dispose();
}
