using Helix.Core;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Jobs;

/// <summary>
/// The whole protein job: read and split the corpus, train a masked-LM Performer with the Helix.Training kit,
/// evaluate it beside the unigram baseline on the test split and the query set, and write report.json.
/// </summary>
public static class ProteinTrainingJob
{
    /// <summary>Give this as the query path to skip the second test set.</summary>
    public const string NoQuery = "none";

    const ulong TestMaskSeed = 0x7E57, QueryMaskSeed = 0x9E41, ValidationMaskSeed = 0x7A11D;

    /// <summary>Runs the job; status and training progress go to <paramref name="progress"/>; <paramref name="observers"/>
    /// (for example the host's curves plot) watch the training loop.</summary>
    public static ProteinTrainingReport Run(ProteinTrainingOptions options, IProgress<ProteinJobEvent>? progress = null, CancellationToken cancel = default,
        IEnumerable<ITrainingObserver>? observers = null)
    {
        options.Validate();
        var wall = Stopwatch.StartNew();
        void Say(string m) => progress?.Report(new ProteinJobEvent(m));

        string dataPath; string? queryPath;
        if (options.DataPath != null) (dataPath, queryPath) = (options.DataPath, options.QueryPath);
        else if (options.QueryPath == NoQuery) (dataPath, queryPath) = (DefaultCorpus.Ensure(new SyncProgress<string>(Say)).Database, null);
        else
        {
            var corpus = DefaultCorpus.Ensure(new SyncProgress<string>(Say));
            (dataPath, queryPath) = (corpus.Database, options.QueryPath ?? corpus.Query);
        }
        if (options.Resume && !File.Exists(options.CheckpointPath))
            throw new FileNotFoundException($"--resume: no checkpoint at {options.CheckpointPath}; train without --resume first (or give the run's --out folder).", options.CheckpointPath);

        Say($"Reading {dataPath} ...");
        var all = TokenizedCorpus.Build(SequenceFile.Read(dataPath));
        var parts = all.Ids.Select(options.Split.Assign).ToArray();
        var train = all.Where(i => parts[i] == SplitPart.Train);
        var validation = all.Where(i => parts[i] == SplitPart.Validation);
        var test = all.Where(i => parts[i] == SplitPart.Test);
        if (train.Count == 0 || validation.Count == 0 || test.Count == 0)
            throw new InvalidDataException($"{dataPath}: {all.Count} proteins are too few to split into train ({train.Count}), validation ({validation.Count}) and test ({test.Count}); give a larger file.");
        Say($"{all.Count:N0} proteins ({all.ResidueCount:N0} residues, {all.UnknownCount:N0} unknown letters mapped to UNK): " +
            $"{train.Count:N0} train, {validation.Count:N0} validation, {test.Count:N0} test.");
        var unigram = new UnigramBaseline(train);

        var modelConfig = options.Model;
        int L = modelConfig.MaxLength;
        var config = new JsonObject
        {
            ["model"] = modelConfig.ToJson(),
            ["data"] = new JsonObject
            {
                ["path"] = Path.GetFullPath(dataPath), ["batchSize"] = options.BatchSize, ["length"] = L,
                ["concatenated"] = options.Concatenated, ["masking"] = JsonSerializer.SerializeToNode(options.Masking),
                ["validationFraction"] = options.Split.ValidationFraction, ["testFraction"] = options.Split.TestFraction,
            },
        };

        random.manual_seed(unchecked((long)options.Training.Seed));   // weight initialisation
        using var model = ProteinModelFactory.Create(modelConfig);
        long parameters = model.parameters().Sum(p => p.numel());
        Say($"Model: {modelConfig.Mechanism} attention, dim {modelConfig.Dim}, depth {modelConfig.Depth}, heads {modelConfig.Heads}, " +
            $"L {L}{(modelConfig.Mechanism == AttentionMechanism.Exact ? "" : $", {modelConfig.NumFeatures} features")}, {parameters:N0} parameters.");

        IBatchSource<ProteinBatch> source = options.Concatenated
            ? new ConcatenatedBatchSource(train, options.BatchSize, L, options.Masking)
            : new CroppedBatchSource(train, options.BatchSize, L, options.Masking);
        var validationSet = validation.Where(i => i < options.ValidationProteins);
        var validationBatches = EvaluationBatches.Create(validationSet, options.BatchSize, L, options.Masking, ValidationMaskSeed, options.Concatenated);
        var trainingOptions = options.Training with
        {
            CheckpointPath = options.CheckpointPath, MetricsPath = options.MetricsPath,
        };
        using var trainer = new Trainer<ProteinBatch>(model, trainingOptions, source,
            (b, training) => MaskedLmObjective.Loss(model, b, training), () => validationBatches, model.OnTrainingStep, config);
        foreach (var observer in observers ?? []) trainer.Use(observer);
        if (options.Resume)
        {
            var header = trainer.Resume(options.CheckpointPath);
            Say($"Resuming from {options.CheckpointPath} at step {header.Step}.");
        }
        var result = trainer.Run(new SyncProgress<TrainingProgress>(p => progress?.Report(new ProteinJobEvent(null, p))), cancel);
        if (result.StoppedEarly && cancel.IsCancellationRequested)
            throw new OperationCanceledException($"stopped at step {result.FinalStep}; the checkpoint {options.CheckpointPath} resumes it (--resume).");

        var testSet = options.TestProteins is int n ? test.Where(i => i < n) : test;
        Say($"Evaluating on the test split ({testSet.Count:N0} proteins) ...");
        var testReport = MlmEvaluator.Evaluate("test", model, testSet, unigram, options.BatchSize, L, options.Masking, TestMaskSeed,
            options.Concatenated, new SyncProgress<double>(f => progress?.Report(new ProteinJobEvent(null, null, f))));
        EvaluationReport? queryReport = null;
        if (queryPath != null && queryPath != NoQuery)
        {
            Say($"Evaluating on {Path.GetFileName(queryPath)} ...");
            var query = TokenizedCorpus.Build(SequenceFile.Read(queryPath));
            queryReport = MlmEvaluator.Evaluate("query", model, query, unigram, options.BatchSize, L, options.Masking, QueryMaskSeed,
                options.Concatenated, new SyncProgress<double>(f => progress?.Report(new ProteinJobEvent(null, null, f))));
        }

        var report = new ProteinTrainingReport(Path.GetFullPath(dataPath), train.Count, train.ResidueCount, all.UnknownCount, parameters,
            result.FinalStep, result.Elapsed.TotalSeconds, result.TokensPerSecond, testReport, queryReport,
            Path.GetFullPath(options.CheckpointPath), Path.GetFullPath(options.PlotPath), Path.GetFullPath(options.MetricsPath),
            wall.Elapsed.TotalSeconds);
        var tmp = options.ReportPath + $".tmp-{Environment.ProcessId}";
        File.WriteAllText(tmp, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, options.ReportPath, overwrite: true);
        return report;
    }
}
