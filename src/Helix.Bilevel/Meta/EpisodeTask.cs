using Helix.Bilevel.Estimators;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Meta;

/// <summary>
/// An episode as a bilevel task for a <see cref="ConvNet"/>: L_train is the support cross-entropy, L_test the query
/// cross-entropy. Its tensors belong to the dispose scope it was made in. Each test-loss evaluation records how many
/// queries the network got right (<see cref="LastCorrect"/>).
/// </summary>
public sealed class EpisodeTask
{
    readonly Tensor _sx, _sy, _qx, _qy;
    readonly ConvNetConfig _config;

    /// <summary>The losses.</summary>
    public BilevelTask Task { get; }
    /// <summary>Correct query predictions at the last test-loss evaluation.</summary>
    public long LastCorrect { get; private set; }
    /// <summary>Query count.</summary>
    public long Queries => _qy.shape[0];

    /// <summary>Makes the episode's tensors.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="config">The network shape.</param>
    /// <param name="dtype">Image type (the parameters').</param>
    public EpisodeTask(Episode episode, ConvNetConfig config, ScalarType dtype = ScalarType.Float32)
    {
        if (episode.Ways != config.Ways) throw new ArgumentException($"the episode has {episode.Ways} ways but the network {config.Ways} outputs");
        if (episode.ImageSize != config.ImageSize) throw new ArgumentException($"the episode's images are {episode.ImageSize} pixels but the network takes {config.ImageSize}");
        _config = config;
        int side = episode.ImageSize;
        _sx = tensor(episode.SupportImages).reshape(-1, 1, side, side).to_type(dtype);
        _sy = tensor(episode.SupportLabels);
        _qx = tensor(episode.QueryImages).reshape(-1, 1, side, side).to_type(dtype);
        _qy = tensor(episode.QueryLabels);
        Task = new BilevelTask(w => Loss(_sx, _sy, w, false), w => Loss(_qx, _qy, w, true));
    }

    Tensor Loss(Tensor x, Tensor y, IReadOnlyList<Tensor> w, bool record)
    {
        var logits = ConvNet.Forward(x, w, _config);
        if (record)
            using (no_grad()) LastCorrect = logits.argmax(1).eq(y).sum().ToInt64();
        return nn.functional.cross_entropy(logits, y);
    }
}
