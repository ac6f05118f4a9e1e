namespace Helix.Core;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler at once, on the reporting thread and in order.
/// <see cref="Progress{T}"/> posts to the thread pool instead, which is too late and out of order for a live
/// progress bar or a JSON line stream. Libraries take <c>IProgress&lt;T&gt;?</c>; hosts pass one of these.
/// </summary>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}

/// <summary>Helpers for the progress convention: a null reporter means "nobody listens".</summary>
public static class ProgressExtensions
{
    /// <summary>Reports <paramref name="value"/> when <paramref name="progress"/> is not null.</summary>
    public static void ReportIfAny<T>(this IProgress<T>? progress, T value) => progress?.Report(value);

    /// <summary>A reporter that maps each value before handing it to <paramref name="inner"/> (null stays null).</summary>
    public static IProgress<TIn>? Select<TIn, TOut>(this IProgress<TOut>? inner, Func<TIn, TOut> map) =>
        inner is null ? null : new SyncProgress<TIn>(v => inner.Report(map(v)));
}
