using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// The compact-WY (CWY) map: Q = H(v₁)···H(v_L) = I − U S⁻¹ Uᵀ, where U holds the normalized reflection vectors as
/// columns and S = ½I + striu(UᵀU) is upper triangular (one Gram matmul gives it). Q·X = X − U(S⁻¹(UᵀX)) costs two
/// matmuls and one L×L triangular solve and never forms Q. The first M columns (T-CWY, a point of St(N, M)) are
/// [I_M; 0] − U S⁻¹ U₁ᵀ with U₁ the top M rows of U: linear in N, so very tall frames (30000×50) are cheap.
/// Zero or near-zero vectors are skipped (identity reflection, zero gradient); L &gt; N is an error.
/// The reflections are applied in blocks of b (the blocked compact-WY form: the product of the blocks' own CWY factors,
/// exactly Q), which cuts the Gram work from 2L²N to 2bLN flops when X has few columns, and the backward is
/// hand-written: it reuses the forward's Grams and triangular factors instead of differentiating through them.
/// </summary>
public sealed class CwyMap : ReflectionVectorMap
{
    /// <summary>A CWY map that picks its block size from the shapes (64 reflections per block for Q·X with at most 256
    /// columns and L &gt; 128, larger blocks for wider operands and materializing Q, one block when L ≤ 128 or the
    /// operand has at least 2L columns).</summary>
    public CwyMap() : this(0) { }

    /// <summary>A CWY map applying <paramref name="blockSize"/> reflections per block; 0 picks it from the shapes, and a
    /// value ≥ L gives the single-block form I − U S⁻¹ Uᵀ. Every block size gives the same Q up to rounding.</summary>
    public CwyMap(long blockSize)
    {
        if (blockSize < 0) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "block size must be ≥ 0 (0 picks it from the shapes)");
        BlockSize = blockSize;
    }

    /// <summary>Reflections per block; 0 when picked from the shapes.</summary>
    public long BlockSize { get; }

    /// <inheritdoc/>
    public override OrthogonalMapKind Kind => OrthogonalMapKind.Cwy;
    /// <inheritdoc/>
    public override string Name => "cwy";

    /// <inheritdoc/>
    public override Tensor Apply(Tensor parameters, Tensor x)
    {
        Validate(parameters);
        Reflections.ValidateOperand(parameters, x, parameters.shape[^2]);
        return Run(parameters, x, 0, x.shape[^1]);
    }

    /// <inheritdoc/>
    public override Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long m = Reflections.CheckColumns(columns, parameters.shape[^2]);
        return Run(parameters, null, m, m);
    }

    Tensor Run(Tensor parameters, Tensor? x, long m, long k)
    {
        long l = parameters.shape[^1];
        long block = BlockSize > 0 ? Math.Min(BlockSize, l) : CwyBlocks.ChooseBlock(l, k);
        // The custom function only when a graph is built: its context keeps the saved tensors until the finalizer runs.
        bool needsGraph = is_grad_enabled() && (parameters.requires_grad || x?.requires_grad == true);
        if (needsGraph) return CwyApplyFunction.apply(parameters, x!, m, block)[0];
        return CwyBlocks.Forward(parameters, x, m, block, keepState: false, out _);
    }

    /// <summary>T-CWY: the N×M Stiefel frame of M reflections (parameters (…, N, M)), the first M columns of Q.</summary>
    public Tensor Stiefel(Tensor parameters)
    {
        Validate(parameters);
        return Materialize(parameters, parameters.shape[^1]);
    }
}
