using System.CommandLine;
using System.Text.Json;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Jobs;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;

namespace Helix.Cli.Protein;

/// <summary>
/// `helix protein eval`: honest masked-token scores of a checkpoint (every scored residue masked; 80/10/10 apart)
/// beside the unigram baseline and the lookup tables of the training split (±2 and ±6 contexts), then what a user gets: PLL ranking of real proteins against shuffles and family
/// retrieval by embedding.
/// </summary>
internal static class ProteinEvalCommand
{
    public static Command Create()
    {
        var model = ProteinModelOption.Create();
        var data = new Option<string?>("--data") { Description = "File to evaluate, all of it (default: the test split of the checkpoint's training data)." };
        var batch = new Option<int>("--batch-size") { Description = "Windows per forward pass.", DefaultValueFactory = _ => 32 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the evaluation masks and shuffles.", DefaultValueFactory = _ => 0x7E57 };
        var shuffleProteins = new Option<int>("--shuffle-proteins") { Description = "Proteins ranked against 6 shuffles of themselves by pseudo-log-likelihood (0: skip).", DefaultValueFactory = _ => 100 };
        var globins = new Option<string?>("--globins") { Description = "Labelled family FASTA for nearest-neighbour retrieval (default: the 630 globins of emboss-test when installed or cached; none to skip)." };
        var maskProb = new Option<double?>("--mask-prob") { Description = "Share of residues scored, each masked in the input (default: the checkpoint's training rate), so models trained at different rates can be scored on the same positions." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var cmd = new Command("eval", "Evaluate a checkpoint: masked-residue accuracy and perplexity (every scored residue masked) vs unigram, PLL ranking against shuffles, family retrieval.");
        foreach (var o in new Option[] { model, data, batch, seed, shuffleProteins, globins, maskProb, json }) cmd.Options.Add(o);
        cmd.MapOptions((nameof(MaskingOptions.Probability), "--mask-prob"));
        cmd.SetAction(r =>
        {
            var path = r.GetValue(model)!;
            using var lm = ProteinModelOption.Load(path);
            var run = ProteinRunConfig.Read(path).Data;
            TokenizedCorpus? training = File.Exists(run.Path) ? TokenizedCorpus.Build(SequenceFile.Read(run.Path)) : null;
            var parts = training != null ? run.Split.Apply(training).Parts : null;   // the checkpoint's own split (homology or id)
            var given = r.GetValue(data);
            TokenizedCorpus set;
            if (given != null) set = TokenizedCorpus.Build(SequenceFile.Read(given));
            else
            {
                if (training == null) throw new FileNotFoundException($"the checkpoint's training data {run.Path} is gone; give --data FILE.", run.Path);
                set = training.Where(i => parts![i] == SplitPart.Test);
            }
            var unigramSource = training?.Where(i => parts![i] == SplitPart.Train) ?? set;
            ulong maskSeed = r.GetValue(seed);
            var masking = r.GetValue(maskProb) is double p ? (run.Masking with { Probability = p }).Validate() : run.Masking;
            var unigram = new UnigramBaseline(unigramSource);
            var (context, lookup) = training != null ? LookupBaseline.CountReported(unigramSource, unigram) : (null, null);
            var scores = MlmEvaluator.Evaluate(given != null ? Path.GetFileName(given) : "test", lm.Module, set, unigram,
                Math.Max(1, r.GetValue(batch)), lm.Config.MaxLength, masking, maskSeed, run.Concatenated, context: context, lookup: lookup);
            int ranked = r.GetValue(shuffleProteins);
            var shuffles = ranked > 0 ? ShuffleRanking.Run(lm, set, ranked, 6, 7, maskSeed, 64) : null;
            var globinPath = r.GetValue(globins) is { } g ? (g == ProteinTrainingJob.NoQuery ? null : g) : GlobinSet.Locate();
            var retrieval = globinPath != null
                ? FamilyRetrieval.Run(Path.GetFileName(globinPath), lm, SequenceFile.Read(globinPath).ToList(), GlobinSet.Family)
                : null;
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { scores, shuffles, retrieval }));
                return 0;
            }
            ProteinCli.PrintScores(new[] { scores });
            ProteinCli.PrintUsefulness(shuffles, retrieval);
            return 0;
        });
        return cmd;
    }
}
