using Helix.Aig.Aiger;
using Helix.Aig.Equivalence;
using Helix.Aig.Simulation;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Equivalence;

/// <summary>The real circuits in ../shared/data/aig: read, simulated, and checked against their ABC-optimized versions.</summary>
public class RealCircuitTests
{
    static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Tools.DataDir()!, "*.aig", SearchOption.AllDirectories).OrderBy(f => new FileInfo(f).Length);

    [DataFact]
    public void EveryCircuitReadsRoundTripsAndSimulates()
    {
        foreach (var f in AllFiles())
        {
            var bytes = File.ReadAllBytes(f);
            var g = AigerReader.Read(bytes, f);
            Assert.True(g.InputCount > 0 && g.OutputCount > 0, f);
            var again = AigerReader.Read(AigerWriter.ToBytes(g, true));
            Assert.Equal(g.AndCount, again.AndCount);
            var sim = AigSimulator.Random(g, 2, 1);
            var sim2 = AigSimulator.Random(again, 2, 1);
            for (int o = 0; o < g.OutputCount; o++)
                for (int w = 0; w < 2; w++) Assert.Equal(sim.Word(g.Output(o), w), sim2.Word(again.Output(o), w));
        }
    }

    [DataFact(Tools.Abc)]
    public void CecProvesAbcOptimizedVersionsAndFraigIsEquivalentInAbc()
    {
        using var abc = new AbcCircuits();
        var data = Tools.DataDir()!;
        foreach (var rel in new[] { "iscas85/c432.aig", "iscas85/c880.aig", "iscas85/c1908.aig", "iscas89/s1238.aig", "iwls05/iwls05_i2c.aig", "iwls05/ss_pcm.aig" })
        {
            var f = Path.Combine(data, rel);
            var g = AigerReader.ReadFile(f);
            foreach (var (script, tag) in new[] { (Tools.Resyn2, "resyn2"), ("dc2", "dc2") })
            {
                var opt = AigerReader.ReadFile(abc.Optimize(f, script, tag));
                var r = AigCec.Run(g, opt);
                Assert.True(r.Status == CecStatus.Equivalent, $"{rel} vs its {tag}: {r.Status}");
            }
            var (fr, _) = AigFraig.Run(g);
            Assert.True(fr.AndCount <= g.AndCount);
            Assert.True(abc.AbcSaysEquivalent(f, abc.Write(fr, Path.GetFileNameWithoutExtension(f) + "_fraig.aig")), rel);
        }
    }
}
