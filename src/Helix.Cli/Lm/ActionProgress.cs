namespace Helix.Cli.Lm;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread (System.Progress posts it elsewhere, too late for a live bar).</summary>
internal sealed class ActionProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
