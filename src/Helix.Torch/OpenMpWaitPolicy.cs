using System.Runtime.InteropServices;

namespace Helix.Torch;

/// <summary>
/// libtorch's OpenMP threads spin while they wait for work (OMP_WAIT_POLICY=ACTIVE). On a machine shared with other
/// jobs that spinning steals the cores the work needs: measured here, a training step took 16 s with spinning threads
/// and 1.4 s with passive ones. Programs (not libraries) call <see cref="PreferPassive"/> before their first torch call.
/// </summary>
public static class OpenMpWaitPolicy
{
    /// <summary>Sets OMP_WAIT_POLICY=PASSIVE in the native environment unless the user set it; must run before libtorch loads.</summary>
    public static void PreferPassive()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") != null) return;
        setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    }

#pragma warning disable SYSLIB1054   // LibraryImport would need unsafe code for one call at start-up
    [DllImport("libc", CharSet = CharSet.Ansi)]
    static extern int setenv(string name, string value, int overwrite);
#pragma warning restore SYSLIB1054
}
