using Helix.Attention.Slim;

namespace Helix.Attention.Tests.Slim;

/// <summary>SLiM's heap rule: trim only once the resident size has grown past the slack, then move the mark (Linux only).</summary>
public class NativeHeapTests
{
    [Fact]
    public void TrimIfGrownMovesTheMarkOnlyPastTheSlack()
    {
        if (!OperatingSystem.IsLinux()) return;
        long resident = NativeHeap.ResidentBytes();
        Assert.True(resident > 0, $"resident size {resident}");
        long mark = resident;
        NativeHeap.TrimIfGrown(ref mark, slack: 1L << 40);          // no growth of a TiB: nothing happens
        Assert.Equal(resident, mark);
        long low = 0;
        NativeHeap.TrimIfGrown(ref low, slack: 0);                  // grown past a mark of 0: trims and marks the size now
        Assert.True(low > 0, $"mark after a trim {low}");
    }
}
