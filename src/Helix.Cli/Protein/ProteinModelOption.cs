using Helix.Torch;
using System.CommandLine;
using Helix.Proteins.Inference;
using TorchSharp;

namespace Helix.Cli.Protein;

/// <summary>The `--model` option shared by eval, fill, score and embed, and loading it.</summary>
internal static class ProteinModelOption
{
    public const string DefaultPath = "runs/protein/model.ckpt";

    public static Option<string> Create() => new("--model", "-m")
    {
        Description = "Checkpoint written by `helix protein train`.", DefaultValueFactory = _ => DefaultPath,
    };

    public static ProteinLanguageModel Load(string path)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(Environment.ProcessorCount);
        if (!File.Exists(path))
            throw new FileNotFoundException($"--model: no checkpoint at {path}; train one with `helix protein train` (or give --model PATH).", path);
        return ProteinLanguageModel.Load(path);
    }
}
