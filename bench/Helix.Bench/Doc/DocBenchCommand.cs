using System.CommandLine;

namespace Helix.Bench.Doc;

/// <summary>`helix bench doc`: XDoc's build, site size and in-browser jump-to speed, beside DocFX.</summary>
public static class DocBenchCommand
{
    /// <summary>The `doc` benchmark command.</summary>
    public static Command Create()
    {
        var topics = new Option<int>("--topics") { Description = "Topics in the generated manual.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated manual.", DefaultValueFactory = _ => 14UL };
        var threads = new Option<int>("--threads") { Description = "XDoc worker threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var noDocfx = new Option<bool>("--no-docfx") { Description = "Do not run DocFX." };
        var dryRun = new Option<bool>("--no-markdown") { Description = "Do not update BENCHMARKS.md (the CSV is still written)." };
        var cmd = new Command("doc", "XDoc manual build time, site size, jump-to index load and keystroke time in Chromium, beside DocFX.")
            { topics, seed, threads, noDocfx, dryRun };
        cmd.SetAction(p =>
        {
            var options = new DocBenchOptions
            {
                GeneratedTopics = p.GetValue(topics), Seed = p.GetValue(seed), Threads = p.GetValue(threads),
                DocFx = !p.GetValue(noDocfx), WriteMarkdown = !p.GetValue(dryRun),
            };
            Console.Out.WriteLine(DocBenchmark.Run(options, line => Console.Error.WriteLine(line)));
            return 0;
        });
        return cmd;
    }
}
