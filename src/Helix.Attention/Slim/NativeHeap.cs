using System.Runtime.InteropServices;

namespace Helix.Attention.Slim;

/// <summary>
/// Returns the C heap's free pages to the operating system (glibc <c>malloc_trim</c>; nothing elsewhere). A SLiM step
/// frees every slice's tensors, but glibc raises its mmap threshold after large frees and then serves the next slices'
/// multi-megabyte tensors from heap arenas, whose freed pages it keeps: resident memory would grow with the number of
/// slices although the memory in use does not. Trimming after each slice keeps the resident size at one slice's worth.
/// </summary>
internal static class NativeHeap
{
    static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Trims the heap where glibc is present; a no-op (after one failed attempt) elsewhere.</summary>
    public static void Trim()
    {
        if (_unavailable) return;
        try { MallocTrim(0); }
        catch (DllNotFoundException) { _unavailable = true; }
        catch (EntryPointNotFoundException) { _unavailable = true; }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
