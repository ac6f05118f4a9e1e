using System;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Pipeline;

/// <summary>
/// The compilation of the run in progress, for the model step. That step must see the current compilation, yet must
/// not take it as an input: the compilation changes on every edit, so every model would be parsed again (what
/// <c>ForAttributeWithMetadataName</c> does: it binds every attributed declaration on every edit). Instead a step that
/// reads the compilation stores it here and outputs a constant; the model step combines with that constant, so it
/// runs only for the keys that changed, and reads the compilation from here. Roslyn runs one generator's steps on one
/// thread, inputs before the steps that use them, so a thread-static slot set by the input step is the current one;
/// another driver on another thread has its own slot. Held weakly: the driver keeps the compilation alive during the run.
/// </summary>
internal static class CurrentCompilation
{
    [ThreadStatic] private static WeakReference<Compilation>? _current;

    /// <summary>Stores <paramref name="c"/> and returns the constant the model step combines with.</summary>
    public static bool Set(Compilation c)
    {
        _current = new WeakReference<Compilation>(c);
        return true;
    }

    public static Compilation Get() =>
        _current is { } w && w.TryGetTarget(out var c) ? c
            : throw new InvalidOperationException("FixTypes: no compilation for the model step (the compilation step did not run first on this thread).");
}
