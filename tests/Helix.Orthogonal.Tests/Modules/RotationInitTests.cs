using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Modules;

public class RotationInitTests
{
    /// <summary>Q is block-diagonal: each (2k, 2k+1) block a rotation [[c, −s], [s, c]] (det +1), a −1 last for odd N, zeros elsewhere.</summary>
    static void AssertBlockRotations(Tensor q, int n)
    {
        var a = q.to_type(ScalarType.Float64).data<double>().ToArray();
        double At(int i, int j) => a[i * n + j];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i / 2 != j / 2 || (n % 2 == 1 && (i == n - 1 || j == n - 1) && i != j))
                    Assert.True(Math.Abs(At(i, j)) < 1e-6, $"Q[{i},{j}] = {At(i, j)} outside the 2×2 blocks");
        var angles = new List<double>();
        for (int k = 0; 2 * k + 1 < n; k++)
        {
            double c = At(2 * k, 2 * k), s = At(2 * k + 1, 2 * k);
            Assert.Equal(c, At(2 * k + 1, 2 * k + 1), 5);
            Assert.Equal(-s, At(2 * k, 2 * k + 1), 5);
            angles.Add(Math.Atan2(s, c));
        }
        if (n % 2 == 1) Assert.Equal(-1, At(n - 1, n - 1), 5);
        Assert.True(angles.Distinct().Count() == angles.Count, "each block draws its own angle");
        Assert.True(angles.Max() - angles.Min() > 1.0, "angles spread over (−π, π)");
    }

    [Theory]
    [InlineData(OrthogonalMapKind.Cwy, 12)]
    [InlineData(OrthogonalMapKind.Cwy, 11)]
    [InlineData(OrthogonalMapKind.Householder, 10)]
    [InlineData(OrthogonalMapKind.MatrixExp, 10)]
    [InlineData(OrthogonalMapKind.Cayley, 10)]
    public void RotationsStartIsHenaffsBlockDiagonal(OrthogonalMapKind kind, int n)
    {
        using var _ = NewDisposeScope();
        using var rnn = new OrthogonalRnn(10, n, 9, kind, seed: 4, init: RecurrentInit.Rotations);
        Assert.Equal(RecurrentInit.Rotations, rnn.Init);
        var q = rnn.Recurrent.Weight.detach();
        AssertBlockRotations(q, n);
        Assert.True(OrthogonalMaps.OrthogonalityError(q) < 1e-5);
        // the parameters stay trainable: a gradient reaches every reflection vector / skew entry of the blocks
        rnn.Recurrent.Weight.square().mul(arange(n * n, dtype: ScalarType.Float32).reshape(n, n)).sum().backward();
        Assert.True(rnn.Recurrent.Original.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void HouseholderProductCannotStartFromRotations()
    {
        Assert.Contains("cannot start from block rotations", Assert.Throws<ArgumentException>(() =>
            new OrthogonalRnn(10, 6, 9, OrthogonalMapKind.HouseholderProduct, init: RecurrentInit.Rotations)).Message);
    }
}
