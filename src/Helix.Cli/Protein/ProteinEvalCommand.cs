using System.CommandLine;
using System.Text.Json;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Helix.Training;
using Spectre.Console;

namespace Helix.Cli.Protein;

/// <summary>`helix protein eval`: masked-token accuracy and perplexity of a checkpoint beside the unigram baseline.</summary>
internal static class ProteinEvalCommand
{
    public static Command Create()
    {
        var model = ProteinModelOption.Create();
        var data = new Option<string?>("--data") { Description = "File to evaluate, all of it (default: the test split of the checkpoint's training data)." };
        var batch = new Option<int>("--batch-size") { Description = "Windows per forward pass.", DefaultValueFactory = _ => 32 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the evaluation masks.", DefaultValueFactory = _ => 0x7E57 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var cmd = new Command("eval", "Evaluate a checkpoint: masked-token accuracy and perplexity vs the unigram baseline.");
        foreach (var o in new Option[] { model, data, batch, seed, json }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var path = r.GetValue(model)!;
            using var lm = ProteinModelOption.Load(path);
            var cfg = CheckpointFile.ReadHeader(path).Config!["data"]!;
            var trainPath = (string)cfg["path"]!;
            var split = new DatasetSplit((double)cfg["validationFraction"]!, (double)cfg["testFraction"]!);
            var masking = cfg["masking"].Deserialize<MaskingOptions>() ?? new MaskingOptions();
            bool concatenated = (bool)cfg["concatenated"]!;
            TokenizedCorpus? training = File.Exists(trainPath) ? TokenizedCorpus.Build(SequenceFile.Read(trainPath)) : null;
            var given = r.GetValue(data);
            TokenizedCorpus set;
            if (given != null) set = TokenizedCorpus.Build(SequenceFile.Read(given));
            else
            {
                if (training == null) throw new FileNotFoundException($"the checkpoint's training data {trainPath} is gone; give --data FILE.", trainPath);
                set = training.Where(i => split.Assign(training.Ids[i]) == SplitPart.Test);
            }
            var unigramSource = training?.Where(i => split.Assign(training.Ids[i]) == SplitPart.Train) ?? set;
            var report = MlmEvaluator.Evaluate(given != null ? Path.GetFileName(given) : "test", lm.Module, set, new UnigramBaseline(unigramSource),
                Math.Max(1, r.GetValue(batch)), lm.Config.MaxLength, masking, r.GetValue(seed), concatenated);
            if (r.GetValue(json)) { Console.WriteLine(JsonSerializer.Serialize(report)); return 0; }
            var table = new Table().AddColumn("set").AddColumn("proteins").AddColumn("masked residues").AddColumn("accuracy").AddColumn("unigram accuracy").AddColumn("perplexity").AddColumn("unigram perplexity");
            table.AddRow(report.Name, $"{report.Proteins:N0}", $"{report.Model.Targets:N0}", $"{report.Model.Accuracy:P1}", $"{report.Unigram.Accuracy:P1}", $"{report.Model.Perplexity:F2}", $"{report.Unigram.Perplexity:F2}");
            AnsiConsole.Write(table);
            return 0;
        });
        return cmd;
    }
}
