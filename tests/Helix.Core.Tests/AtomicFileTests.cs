using Helix.Core;

namespace Helix.Core.Tests;

public class AtomicFileTests
{
    [Fact]
    public void WritesTheWholeFileAndLeavesNoTemporary()
    {
        var dir = Directory.CreateTempSubdirectory("helix-atomic").FullName;
        var path = Path.Combine(dir, "sub", "out.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileAndRemovesTheTemporary()
    {
        var dir = Directory.CreateTempSubdirectory("helix-atomic").FullName;
        var path = Path.Combine(dir, "out.bin");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, (Stream s) =>
        {
            s.WriteByte(9);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir));
    }
}
