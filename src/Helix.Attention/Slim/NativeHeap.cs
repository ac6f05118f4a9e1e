using System.Runtime.InteropServices;

namespace Helix.Attention.Slim;

/// <summary>
/// Returns the C heap's free pages to the operating system (glibc <c>malloc_trim</c>; nothing elsewhere). A SLiM step
/// frees every slice's tensors, but glibc raises its mmap threshold after large frees and then serves the next slices'
/// multi-megabyte tensors from heap arenas, whose freed pages it keeps: resident memory would grow with the number of
/// slices although the memory in use does not. Trimming between slices keeps the resident size at one slice's worth;
/// <see cref="TrimIfGrown"/> does it only once the growth passes a slack, since every trim makes the next slice fault
/// the released pages back in.
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

    /// <summary>This process's resident bytes (Linux /proc/self/statm), or −1 where unknown.</summary>
    public static long ResidentBytes()
    {
        if (_unavailable) return -1;
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException) { return -1; }
        catch (UnauthorizedAccessException) { return -1; }
    }

    /// <summary>
    /// Trims only when the resident size has grown by more than <paramref name="slack"/> bytes over <paramref name="mark"/>
    /// (the size after the last trim, or where the caller started), then moves the mark: freed pages that the next
    /// allocations would reuse stay mapped (a trim makes them page-fault back in), while growth stays bounded.
    /// </summary>
    public static void TrimIfGrown(ref long mark, long slack)
    {
        long now = ResidentBytes();
        if (now < 0 || now <= mark + slack) return;
        Trim();
        mark = ResidentBytes();
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
