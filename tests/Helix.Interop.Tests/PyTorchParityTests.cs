using Helix.Attention;
using Helix.Core;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Helix.Interop.Tests;

/// <summary>
/// The scale-out path end to end: Helix exports, the PyTorch reference (interop/python) loads the weights and gives
/// the same logits, then PyTorch changes the weights and Helix imports them and gives PyTorch's logits.
/// </summary>
public class PyTorchParityTests
{
    static readonly string[] Cases = ["exact-learned", "favor-bidirectional", "favor-causal-rotary", "relu-sinusoidal", "relu-rotary-local-mix", "relu-rotary-context-ngram", "favor-pytorch-format"];

    static PerformerConfig Config(string name) => name switch
    {
        "exact-learned" => Base() with { Attention = new AttentionConfig { Mechanism = AttentionMechanism.Exact, NumFeatures = 16 } },
        "favor-bidirectional" or "favor-pytorch-format" => Base() with { Attention = new AttentionConfig { NumFeatures = 32, Seed = 7 } },
        "favor-causal-rotary" => Base() with { Causal = true, Position = PositionKind.Rotary, Attention = new AttentionConfig { NumFeatures = 32, Seed = 9 } },
        "relu-sinusoidal" => Base() with
        {
            Position = PositionKind.Sinusoidal,
            Attention = new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Relu, NumFeatures = 24, Seed = 3 },
        },
        "relu-rotary-local-mix" => Base() with
        {
            Position = PositionKind.Rotary, LocalMixKernel = 5,
            Attention = new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Relu, NumFeatures = 24, Seed = 5 },
        },
        // 1,000 rows: the pairs' 24² combinations are indexed exactly, the four-token window is hashed.
        "relu-rotary-context-ngram" => Base() with
        {
            Position = PositionKind.Rotary, LocalMixKernel = 5, ContextNgramBuckets = 1000,
            Attention = new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Relu, NumFeatures = 24, Seed = 6 },
        },
        _ => throw new ArgumentException(name),
    };

    static PerformerConfig Base() => new() { VocabSize = 23, Dim = 32, Depth = 2, Heads = 4, MaxLength = 64, Dropout = 0.1 };

    [PyTorchFact]
    public void PyTorchGivesHelixsLogitsAndBack()
    {
        foreach (var name in Cases) Check(name);
    }

    static void Check(string name)
    {
        var dir = Directory.CreateTempSubdirectory("helix-parity-" + name).FullName;
        random.manual_seed(11);
        using var model = new PerformerLM(Config(name));
        // Trained-like weights: move every parameter away from its initialization.
        using (no_grad()) foreach (var p in model.parameters()) p.add_(randn_like(p) * 0.05);
        model.eval();
        using var tokens = randint(0, 23, new long[] { 3, 40 }, dtype: ScalarType.Int64);
        using var logits = model.forward(tokens, null);
        PerformerExport.Export(model, dir);
        Safetensors.SaveStateDict(Path.Combine(dir, "tokens.safetensors"), new Dictionary<string, Tensor> { ["tokens"] = tokens });
        Safetensors.SaveStateDict(Path.Combine(dir, "expected.safetensors"), new Dictionary<string, Tensor> { ["logits"] = logits });

        var script = Path.Combine(RepoPaths.Root, "interop", "python", "check_export.py");
        var args = new List<string> { script, dir };
        if (name == "favor-pytorch-format") args.AddRange(["--weights", "pytorch"]);
        var r = ProcessRunner.Run(RepoPaths.PythonWithTorch!, args, TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, $"{name}: PyTorch disagrees with Helix: {r.StandardOutput} {r.StandardError}");

        // Back: PyTorch's changed weights load into Helix and give PyTorch's logits.
        var back = Path.Combine(dir, "back");
        using var imported = PerformerExport.Import(back);
        using var mine = imported.forward(tokens, null);
        var expected = Safetensors.LoadStateDict(Path.Combine(back, "expected.safetensors"))["logits"];
        double diff = (mine - expected).abs().max().item<float>();
        double scale = expected.abs().max().item<float>();
        Assert.True(diff <= 1e-5 * Math.Max(1, scale), $"{name}: Helix after PyTorch differs by {diff} (logits up to {scale})");
        Assert.False(mine.allclose(logits, 1e-3, 1e-3), $"{name}: the PyTorch change did not reach Helix");
    }
}
