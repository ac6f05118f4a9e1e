using System.CommandLine;
using Helix.Bench;

var root = new RootCommand("helix-bench: Helix's benchmarks, each beside its baseline in the same run.");
root.Subcommands.Add(BenchCommand.Create());
return CliRunner.Run(root, args);
