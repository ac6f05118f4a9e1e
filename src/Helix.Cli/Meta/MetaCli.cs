using Helix.Core;

namespace Helix.Cli.Meta;

/// <summary>Shared pieces of the meta commands: the default data folder and option names → flags.</summary>
internal static class MetaCli
{
    static readonly Dictionary<string, string> Flags = new()
    {
        ["Estimator"] = "--estimator", ["Ways"] = "--ways", ["Shots"] = "--shots", ["Queries"] = "--queries",
        ["InnerSteps"] = "--inner-steps", ["Steps"] = "--inner-steps", ["InnerStepSize"] = "--inner-lr", ["StepSize"] = "--inner-lr",
        ["EvalInnerSteps"] = "--eval-inner-steps", ["MetaBatch"] = "--meta-batch", ["MinProbability"] = "--min-q",
        ["TestAlphabets"] = "--test-alphabets", ["Filters"] = "--filters",
    };

    /// <summary>Runs <paramref name="body"/>, turning a library's <see cref="InvalidOptionException"/> into a one-line CLI error naming the flag.</summary>
    public static int Guard(Func<int> body) => CliRunner.Guard(() =>
    {
        try { return body(); }
        catch (InvalidOptionException e)
        {
            var flag = Flags.TryGetValue(e.Option, out var f) ? f : e.Option;
            throw new CliUsageException($"{flag}: {e.Reason}");
        }
    });

    /// <summary>The shared Omniglot folder (../shared/data/omniglot beside the repository) when it exists, else null.</summary>
    public static string? DefaultData()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Helix.sln")))
                {
                    var p = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "omniglot"));
                    if (Directory.Exists(p)) return p;
                    break;
                }
        return null;
    }

    /// <summary>--data as given, or the default; a clear error when neither exists.</summary>
    public static string Data(string? given) =>
        given ?? DefaultData() ?? throw new CliUsageException("--data: no Omniglot data given and none found at ../shared/data/omniglot; pass --data FOLDER (with images_background*.zip) or a zip.");
}
