using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Helix.FixTypes;

/// <summary>
/// Depth-safe recursion for recursive fixtypes: generated <c>Fix</c>, <c>IsValid</c>, <c>Equals</c> and
/// <c>GetHashCode</c> of a mutually recursive group call <see cref="Run{TArg,TResult}"/> when the current thread's stack
/// is nearly full, and go on on a fresh thread with a large stack. Deep values therefore never overflow the stack; shallow
/// ones pay one stack-pointer comparison per call.
/// </summary>
public static class DeepStack
{
    /// <summary>Stack size of each continuation thread.</summary>
    public const int ThreadStackBytes = 64 << 20;

    /// <summary>Whether the current stack has room for more recursion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasRoom() => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>Runs <paramref name="f"/> on a fresh thread with a large stack and returns its result (exceptions are
    /// rethrown here).</summary>
    public static TResult Run<TArg, TResult>(TArg arg, Func<TArg, TResult> f)
    {
        TResult result = default!;
        ExceptionDispatchInfo? error = null;
        var t = new Thread(() =>
        {
            try { result = f(arg); }
            catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        }, ThreadStackBytes);
        t.Start();
        t.Join();
        error?.Throw();
        return result;
    }
}
