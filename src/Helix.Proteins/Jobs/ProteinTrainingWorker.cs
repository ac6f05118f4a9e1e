using System.Diagnostics;
using System.Text.Json;
using Helix.Attention;
using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Inference;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Jobs;

/// <summary>The steps of <see cref="ProteinTrainingJob.Run"/>, one method per concern.</summary>
internal sealed class ProteinTrainingWorker(ProteinTrainingOptions options, IProgress<ProteinJobEvent>? progress, CancellationToken cancel,
    IEnumerable<ITrainingObserver> observers)
{
    const ulong TestMaskSeed = 0x7E57, QueryMaskSeed = 0x9E41, GlobinMaskSeed = 0x610B, ValidationMaskSeed = ProteinTrainingJob.ValidationMaskSeed, ShuffleSeed = 0x5AFF1E;

    readonly Stopwatch _wall = Stopwatch.StartNew();

    void Say(string message) => progress?.Report(new ProteinJobEvent(message));
    IProgress<double> Fraction => new SyncProgress<double>(f => progress?.Report(new ProteinJobEvent(null, null, f)));

    /// <summary>The split corpus.</summary>
    sealed record Splits(TokenizedCorpus All, TokenizedCorpus Train, TokenizedCorpus Validation, TokenizedCorpus Test);

    /// <summary>The cheats scored beside the model, all counted on the training split.</summary>
    sealed record Baselines(UnigramBaseline Unigram, LookupBaseline Context, LookupBaseline Lookup);

    public ProteinTrainingResult Run()
    {
        var (dataPath, queryPath) = ResolveData();
        if (options.Resume && !File.Exists(options.CheckpointPath))
            throw new InvalidOptionException(nameof(ProteinTrainingOptions.Resume), $"no checkpoint at {options.CheckpointPath} to resume; train without resuming first (or give the run's output folder).");
        var data = LoadSplits(dataPath);
        var runConfig = new ProteinRunConfig(options.Model, new ProteinDataConfig(Path.GetFullPath(dataPath), options.BatchSize,
            options.Model.MaxLength, options.Concatenated, options.Masking, options.Split.ValidationFraction, options.Split.TestFraction,
            options.Split.Clustering, options.Split.TrainOnlyClusterShare));

        random.manual_seed(unchecked((long)options.Training.Seed));   // weight initialisation
        using var model = ProteinModelFactory.Create(options.Model);
        long parameters = model.parameters().Sum(p => p.numel());
        DescribeModel(parameters);
        var training = Train(model, data, runConfig);

        var unigram = new UnigramBaseline(data.Train);
        Say($"Counting the training split's residue contexts up to ±{LookupBaseline.DefaultWidths[0]} for the lookup baselines ...");
        var (context, lookup) = LookupBaseline.CountReported(data.Train, unigram);
        var heldOut = EvaluateHeldOut(model, data, queryPath, new Baselines(unigram, context, lookup), out var globins);
        var usefulness = EvaluateUsefulness(model, data.Test, globins);
        var result = new ProteinTrainingResult(Path.GetFullPath(dataPath), data.Train.Count, data.Train.ResidueCount, data.All.UnknownCount, parameters,
            training.FinalStep, training.Elapsed.TotalSeconds, training.TokensPerSecond, heldOut[0], heldOut.Skip(1).ToList(), usefulness,
            Path.GetFullPath(options.CheckpointPath), Path.GetFullPath(options.PlotPath), Path.GetFullPath(options.MetricsPath),
            _wall.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(options.ReportPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return result;
    }

    /// <summary>The training file and the second test set (null: none), fetching the default corpus when needed.</summary>
    (string Data, string? Query) ResolveData()
    {
        if (options.DataPath != null) return (options.DataPath, options.QueryPath == ProteinTrainingJob.NoQuery ? null : options.QueryPath);
        var corpus = DefaultCorpus.Ensure(new SyncProgress<string>(Say));
        return (corpus.Database, options.QueryPath == ProteinTrainingJob.NoQuery ? null : options.QueryPath ?? corpus.Query);
    }

    Splits LoadSplits(string dataPath)
    {
        Say($"Reading {dataPath} ...");
        var all = TokenizedCorpus.Build(SequenceFile.Read(dataPath));
        var split = options.Split.Apply(all);
        var parts = split.Parts;
        var s = new Splits(all, all.Where(i => parts[i] == SplitPart.Train), all.Where(i => parts[i] == SplitPart.Validation),
            all.Where(i => parts[i] == SplitPart.Test));
        if (s.Train.Count == 0 || s.Validation.Count == 0 || s.Test.Count == 0)
            throw new InvalidInputException(dataPath, 0, 0, $"{all.Count} proteins are too few to split into train ({s.Train.Count}), validation ({s.Validation.Count}) and test ({s.Test.Count}); give a larger file.");
        Say($"{all.Count:N0} proteins ({all.ResidueCount:N0} residues, {all.UnknownCount:N0} unknown letters mapped to UNK): " +
            $"{s.Train.Count:N0} train, {s.Validation.Count:N0} validation, {s.Test.Count:N0} test.");
        if (split.Clusters is { } c)
            Say($"Split by homology: {c.Count:N0} clusters of proteins sharing a {options.Split.Clustering!.KmerLength}-mer ({c.Singletons:N0} single proteins, " +
                $"the largest {c.Largest:N0}); {split.TrainOnlyClusters} clusters above {options.Split.TrainOnlyClusterShare:P0} of the corpus ({split.TrainOnlyProteins:N0} proteins) kept in train.");
        else Say("Split by id hash (no homology grouping): close relatives of test proteins may be in train.");
        return s;
    }

    void DescribeModel(long parameters)
    {
        var m = options.Model;
        string attention = m.Mechanism switch
        {
            AttentionMechanism.Exact => "exact softmax", AttentionMechanism.Generalized => $"Performer-ReLU ({m.NumFeatures} features)",
            _ => $"FAVOR+ ({m.NumFeatures} features)",
        };
        string local = (m.LocalMixKernel > 0 ? $", local mix {m.LocalMixKernel}" : "") +
            (m.ContextNgramBuckets > 0 ? $", context n-grams in {m.ContextNgramBuckets:N0} rows" + (options.ContextLossWeight > 0 ? $" (context loss × {options.ContextLossWeight:G3})" : "") : "");
        Say($"Model: {attention} attention, {m.Position.ToString().ToLowerInvariant()} positions, dim {m.Dim}, depth {m.Depth}, heads {m.Heads}{local}, " +
            $"L {m.MaxLength}, {parameters:N0} parameters; batches of {options.BatchSize} × {m.MaxLength} tokens.");
    }

    /// <summary>Trains (or resumes) with the kit; validation is honest (every scored residue masked).</summary>
    TrainingResult Train(PerformerLM model, Splits data, ProteinRunConfig runConfig)
    {
        int L = options.Model.MaxLength;
        IBatchSource<ProteinBatch> source = options.Concatenated
            ? new ConcatenatedBatchSource(data.Train, options.BatchSize, L, options.Masking)
            : new CroppedBatchSource(data.Train, options.BatchSize, L, options.Masking);
        var validationSet = data.Validation.Where(i => i < options.ValidationProteins);
        var validationBatches = EvaluationBatches.CreateHidden(validationSet, options.BatchSize, L, options.Masking, ValidationMaskSeed, options.Concatenated);
        var baseline = new UnigramBaseline(data.Train).Score(validationBatches);
        Say($"Validation ({validationSet.Count} proteins, {baseline.Targets:N0} scored residues, every one masked): the unigram baseline has accuracy {baseline.Accuracy:P1} and perplexity {baseline.Perplexity:F2}.");
        var trainingOptions = options.Training with
        {
            CheckpointPath = options.CheckpointPath, MetricsPath = options.MetricsPath,
        };
        using var trainer = new Trainer<ProteinBatch>(model, trainingOptions, source,
            (b, training) => MaskedLmObjective.Loss(model, b, training, options.ContextLossWeight), () => validationBatches, model.OnTrainingStep, runConfig.ToJson());
        foreach (var observer in observers) trainer.Use(observer);
        if (options.Resume)
        {
            var header = trainer.Resume(options.CheckpointPath);
            Say($"Resuming from {options.CheckpointPath} at step {header.Step}.");
        }
        var result = trainer.Run(new SyncProgress<TrainingProgress>(p => progress?.Report(new ProteinJobEvent(null, p))), cancel);
        if (result.StoppedEarly && cancel.IsCancellationRequested)
            throw new OperationCanceledException($"stopped at step {result.FinalStep}; the checkpoint {options.CheckpointPath} resumes it.");
        return result;
    }

    /// <summary>
    /// Masked-token scores on the test split, the query set and the globins (when available), and on the proteins of
    /// the last two that share no linking k-mer with the training split.
    /// </summary>
    List<EvaluationResult> EvaluateHeldOut(PerformerLM model, Splits data, string? queryPath, Baselines baselines, out List<ProteinRecord>? globins)
    {
        int L = options.Model.MaxLength;
        var results = new List<EvaluationResult>();
        EvaluationResult Score(string name, TokenizedCorpus set, ulong seed) => MlmEvaluator.Evaluate(name, model, set, baselines.Unigram, options.BatchSize, L,
            options.Masking, seed, options.Concatenated, Fraction, context: baselines.Context, lookup: baselines.Lookup);
        var testSet = options.TestProteins is int n ? data.Test.Where(i => i < n) : data.Test;
        Say($"Evaluating on the test split ({testSet.Count:N0} proteins), every scored residue masked, and 80/10/10 apart ...");
        results.Add(Score("test", testSet, TestMaskSeed));
        var kmers = options.Split.Clustering ?? new KmerClusteringOptions();
        KmerIndex? trainingKmers = null;
        void ScoreWithUnseen(string name, TokenizedCorpus set, ulong seed)
        {
            results.Add(Score(name, set, seed));
            trainingKmers ??= KmerIndex.Build(data.Train, kmers);
            var unseen = trainingKmers.Unseen(set);
            Say($"{unseen.Count:N0} of {set.Count:N0} proteins of {name} share no {kmers.KmerLength}-mer with the training split.");
            if (unseen.Count > 0) results.Add(Score($"{name}, no {kmers.KmerLength}-mer in train", unseen, seed));
        }
        if (queryPath != null)
        {
            Say($"Evaluating on {Path.GetFileName(queryPath)} ...");
            ScoreWithUnseen("query", TokenizedCorpus.Build(SequenceFile.Read(queryPath)), QueryMaskSeed);
        }
        globins = LoadGlobins();
        if (globins != null)
        {
            Say($"Evaluating on the {globins.Count} globins of {GlobinSet.PackageName} ...");
            ScoreWithUnseen("globins", TokenizedCorpus.Build(globins), GlobinMaskSeed);
        }
        return results;
    }

    List<ProteinRecord>? LoadGlobins()
    {
        if (options.GlobinPath == ProteinTrainingJob.NoQuery) return null;
        try
        {
            var path = options.GlobinPath ?? GlobinSet.Ensure(new SyncProgress<string>(Say));
            return SequenceFile.Read(path).ToList();
        }
        catch (InvalidOperationException e)
        {
            Say($"Skipping the globins: {e.Message}");
            return null;
        }
    }

    /// <summary>PLL ranking of real test proteins against shuffles, and globin family retrieval by embedding.</summary>
    UsefulnessResult? EvaluateUsefulness(PerformerLM model, TokenizedCorpus test, List<ProteinRecord>? globins)
    {
        if (options.ShuffleProteins == 0) return null;
        var lm = ProteinLanguageModel.From(model, options.Model);   // not disposed: the model belongs to the caller
        Say($"Ranking {Math.Min(options.ShuffleProteins, test.Count)} test proteins against {options.Shuffles} shuffles each by pseudo-log-likelihood ...");
        var shuffles = ShuffleRanking.Run(lm, test, options.ShuffleProteins, options.Shuffles, options.ShuffleSpacing, ShuffleSeed, options.BatchSize * 2, Fraction);
        RetrievalResult? retrieval = null;
        if (globins != null)
        {
            Say("Nearest-neighbour family retrieval on the globins (model embeddings vs amino-acid composition) ...");
            retrieval = FamilyRetrieval.Run(GlobinSet.FileName, lm, globins, GlobinSet.Family, Fraction);
        }
        return new UsefulnessResult(shuffles, retrieval);
    }
}
