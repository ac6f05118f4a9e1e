namespace Helix.Proteins.Jobs;

/// <summary>An <see cref="IProgress{T}"/> that calls its action on the reporting thread, in order (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
internal sealed class Relay<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
