using Helix.Core;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Helix.Interop;

/// <summary>
/// Saves and loads any Helix module's weights (every <see cref="nn.Module"/>: Performers, protein models, orthogonal
/// layers, meta-learned networks) in TorchSharp, PyTorch or safetensors format. Names are the module's state-dict keys,
/// which Helix keeps equal to PyTorch's (<c>q_proj.weight</c>, <c>encoder.layers.0.norm1.bias</c>, ...); random
/// projections are buffers and travel with the weights. Files are written through a temporary sibling and a rename.
/// </summary>
public static class ModelWeights
{
    /// <summary>The format a file name implies: <c>.safetensors</c>, <c>.pt</c>/<c>.pth</c>, else TorchSharp's.</summary>
    public static WeightFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".safetensors" => WeightFormat.Safetensors,
        ".pt" or ".pth" => WeightFormat.PyTorch,
        _ => WeightFormat.TorchSharp,
    };

    /// <summary>Writes <paramref name="module"/>'s state dict to <paramref name="path"/> (format from the extension unless given).</summary>
    public static void Save(nn.Module module, string path, WeightFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var f = format ?? FormatOf(path);
        if (f == WeightFormat.TorchSharp)
        {
            AtomicFile.Write(path, (string tmp) => module.save(tmp));
            return;
        }
        AtomicFile.Write(path, (Stream stream) =>
        {
            if (f == WeightFormat.PyTorch) module.save_py(stream, null, leaveOpen: true);
            else module.save_safetensors(stream, null, leaveOpen: true);
        });
    }

    /// <summary>
    /// Loads weights saved by <see cref="Save"/> (or by PyTorch, for the PyTorch and safetensors formats) into
    /// <paramref name="module"/>. With <paramref name="strict"/>, every key must match both ways and every shape
    /// must agree; a mismatch is an <see cref="InvalidInputException"/> naming the keys.
    /// </summary>
    public static void Load(nn.Module module, string path, bool strict = true, WeightFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!File.Exists(path)) throw new FileNotFoundException($"no weights file at {path}", path);
        var f = format ?? FormatOf(path);
        try
        {
            using var scope = NewDisposeScope();
            var expected = module.state_dict();
            Dictionary<string, Tensor> loaded = f switch
            {
                WeightFormat.PyTorch => ToDictionary(PyTorchUnpickler.UnpickleStateDict(path)),
                WeightFormat.Safetensors => Safetensors.LoadStateDict(path),
                _ => null!,
            };
            if (loaded is null)
            {
                module.load(path, strict);
                return;
            }
            CheckKeys(path, expected, loaded, strict);
            using (no_grad())
                foreach (var (name, value) in loaded)
                    if (expected.TryGetValue(name, out var target)) target.copy_(value.to_type(target.dtype));
        }
        catch (Exception e) when (e is not InvalidInputException and not FileNotFoundException && IsFormatError(e))
        {
            throw new InvalidInputException(path, 0, 0, $"not a readable {f} weights file ({e.Message})", e);
        }
    }

    static bool IsFormatError(Exception e) =>
        e is InvalidDataException or FormatException or EndOfStreamException or System.Text.Json.JsonException
            or NotSupportedException or InvalidCastException or ArgumentException or IOException;

    static Dictionary<string, Tensor> ToDictionary(System.Collections.Hashtable table)
    {
        var d = new Dictionary<string, Tensor>();
        foreach (System.Collections.DictionaryEntry e in table) d[(string)e.Key] = (Tensor)e.Value!;
        return d;
    }

    static void CheckKeys(string path, IDictionary<string, Tensor> expected, IDictionary<string, Tensor> loaded, bool strict)
    {
        var missing = expected.Keys.Where(k => !loaded.ContainsKey(k)).ToList();
        var unexpected = loaded.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
            throw new InvalidInputException(path, 0, 0,
                $"the weights do not match the model: missing {Names(missing)}; unexpected {Names(unexpected)}. " +
                "Build the model with the config the weights were saved with, or load with strict: false.");
        foreach (var (name, value) in loaded)
        {
            if (!expected.TryGetValue(name, out var target)) continue;
            if (!target.shape.SequenceEqual(value.shape))
                throw new InvalidInputException(path, 0, 0,
                    $"'{name}' has shape [{string.Join(", ", value.shape)}] in the file but [{string.Join(", ", target.shape)}] in the model");
        }
    }

    static string Names(List<string> keys) => keys.Count == 0 ? "none" : string.Join(", ", keys.Take(8)) + (keys.Count > 8 ? $" and {keys.Count - 8} more" : "");
}
