using System.CommandLine;
using Helix.Cli;

var root = new RootCommand("Helix: Performer attention, SLiM, protein language models and And-Inverter Graphs for .NET.");
foreach (var command in CommandRegistry.All()) root.Subcommands.Add(command);
return CliRunner.Run(root, args);
