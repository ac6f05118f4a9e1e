namespace Helix.Orthogonal;

/// <summary>Everything a <see cref="GivensFlow"/> needs to resume exactly: step, random stream, momentum, drift counters.</summary>
/// <param name="Steps">Steps taken.</param>
/// <param name="RngState">The SplitMix64 state of the matching draws.</param>
/// <param name="Momentum">Per parameter, its per-edge momentum (row-major (batch, d, d); empty without momentum).</param>
/// <param name="Reorthonormalizations">Times a float32 weight was re-orthonormalized.</param>
/// <param name="LastDrift">Last measured drift max|ZᵀZ − I|.</param>
public sealed record GivensFlowState(long Steps, ulong RngState, double[][] Momentum, long Reorthonormalizations, double LastDrift)
{
    /// <summary>Writes the state atomically to <paramref name="path"/> (binary).</summary>
    public void Save(string path) => Helix.Core.AtomicFile.Write(path, (Stream s) =>
    {
        using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(0x47495645); // "GIVE"
        w.Write(Steps);
        w.Write(RngState);
        w.Write(Reorthonormalizations);
        w.Write(LastDrift);
        w.Write(Momentum.Length);
        foreach (var m in Momentum)
        {
            w.Write(m.Length);
            foreach (var v in m) w.Write(v);
        }
    });

    /// <summary>Reads a state written by <see cref="Save"/>.</summary>
    public static GivensFlowState Load(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (r.ReadInt32() != 0x47495645) throw new InvalidDataException($"{path} is not a Givens-flow state file");
        long steps = r.ReadInt64();
        ulong rng = r.ReadUInt64();
        long re = r.ReadInt64();
        double drift = r.ReadDouble();
        var m = new double[r.ReadInt32()][];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = new double[r.ReadInt32()];
            for (int j = 0; j < m[i].Length; j++) m[i][j] = r.ReadDouble();
        }
        return new GivensFlowState(steps, rng, m, re, drift);
    }
}
