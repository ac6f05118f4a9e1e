using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Helix.Training;

/// <summary>Appends one <c>train</c> record per step and one <c>validation</c> record per validation to a <see cref="MetricsLog"/>.</summary>
internal sealed class MetricsObserver(MetricsLog log) : ITrainingObserver, IDisposable
{
    public void OnStep(TrainingStepResult s) => log.Write(new JsonObject
    {
        ["kind"] = "train", ["step"] = s.Step, ["loss"] = s.Loss, ["accuracy"] = s.Accuracy, ["lr"] = s.LearningRate,
        ["tokens"] = s.TokensSeen, ["tokensPerSecond"] = Math.Round(s.TokensPerSecond, 1),
        ["elapsedSeconds"] = Math.Round(s.Elapsed.TotalSeconds, 3),
        ["processCpuSeconds"] = Math.Round(ProcessCpuSeconds(), 2),   // shared machines: CPU time is the fairer clock
    });

    public void OnValidation(ValidationResult v) => log.Write(new JsonObject
    {
        ["kind"] = "validation", ["step"] = v.Step, ["loss"] = v.Loss, ["accuracy"] = v.Accuracy,
        ["perplexity"] = v.Perplexity, ["targets"] = v.Targets,
    });

    public void Dispose() => log.Dispose();

    static double ProcessCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }
}
