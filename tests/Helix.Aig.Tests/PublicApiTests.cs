using Helix.Core;

namespace Helix.Aig.Tests;

/// <summary>Guards the public surface of Helix.Aig: a new public type must be added here on purpose.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicTypesAreTheIntendedOnes()
    {
        var expected = new[]
        {
            "Helix.Aig.AigLit", "Helix.Aig.AigNodeKind", "Helix.Aig.Aignet",
            "Helix.Aig.Aiger.AigerFormatException", "Helix.Aig.Aiger.AigerReader", "Helix.Aig.Aiger.AigerWriter",
            "Helix.Aig.Cnf.AigCnf", "Helix.Aig.Cnf.TseitinEncoder", "Helix.Aig.Cnf.TseitinOptions",
            "Helix.Aig.Equivalence.AigCec", "Helix.Aig.Equivalence.AigFraig", "Helix.Aig.Equivalence.AigMiter",
            "Helix.Aig.Equivalence.CecMatch", "Helix.Aig.Equivalence.CecOptions", "Helix.Aig.Equivalence.CecResult",
            "Helix.Aig.Equivalence.CecStatus", "Helix.Aig.Equivalence.FraigOptions", "Helix.Aig.Equivalence.FraigResult", "Helix.Aig.Equivalence.FraigStats",
            "Helix.Aig.Equivalence.SweepProgress",
            "Helix.Aig.Hons.HonsAig", "Helix.Aig.Hons.HonsConversions", "Helix.Aig.Hons.HonsKind", "Helix.Aig.Hons.HonsTable",
            "Helix.Aig.Hons.HonsTraversal",
            "Helix.Aig.Sat.CdclSolver", "Helix.Aig.Sat.CnfFormula", "Helix.Aig.Sat.Dimacs", "Helix.Aig.Sat.ExternalSolver",
            "Helix.Aig.Sat.ExternalSolverAnswer", "Helix.Aig.Sat.SatLit", "Helix.Aig.Sat.SatResult", "Helix.Aig.Sat.SolverOptions",
            "Helix.Aig.Sat.SolverStats", "Helix.Aig.Sat.RestartPolicy",
            "Helix.Aig.Simulation.AigSimulator", "Helix.Aig.Simulation.CandidateClass", "Helix.Aig.Simulation.EquivalenceCandidates",
            "Helix.Aig.Simulation.SimulationPatterns",
            // The option records are fixtypes: each carries its generated JSON converter.
            "Helix.Aig.Equivalence.CecOptions+FixJsonConverter", "Helix.Aig.Equivalence.FraigOptions+FixJsonConverter",
            "Helix.Aig.Sat.SolverOptions+FixJsonConverter",
        };
        var actual = typeof(Aignet).Assembly.GetExportedTypes().Select(t => t.FullName!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal).ToArray(), actual);
    }
}
